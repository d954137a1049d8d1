using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Alerts;

/// <summary>
/// The dead-man's switch. The job runs daily at 06:00 Asia/Tokyo (21:00Z the day before) with a 30-minute deadline,
/// its clock started at 2027-01-01T00:00Z:
/// <code>
///   21:00Z scheduled ── 21:30Z deadline ── 2027-01-02T21:00Z next ── …
/// </code>
/// </summary>
public sealed class MissedRunPlannerTests
{
    private static readonly DateTimeOffset Since = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Six = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);
    private static readonly Schedule Daily = Schedule.Parse("0 6 * * *", "Asia/Tokyo");

    private static Job Job(DateTimeOffset? since = null) => new()
    {
        Name = new JobName("p", "asia-northeast1", "sync-daily-data"),
        Schedule = "0 6 * * *",
        TimeZone = "Asia/Tokyo",
        HttpTarget = new HttpTarget("https://target.test/sync", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
        Belfry = BelfrySettings.Default with { MissedRunDeadline = Deadline },
        MissedRunSince = since ?? Since,
        UserUpdateTime = since ?? Since,
    };

    private static MissedRunDecision Evaluate(DateTimeOffset now, JobWatch? watch = null, Job? job = null, bool truncated = false, params SucceededRun[] successes) =>
        MissedRunPlanner.Evaluate(new MissedRunCheck(job ?? Job(), watch ?? JobWatch.None, successes, truncated), Daily, now);

    private static SucceededRun Success(DateTimeOffset scheduled, TimeSpan after) => new(scheduled, scheduled + after);

    [Fact]
    public void Evaluate_BeforeTheDeadline_NothingYetAndCheckedAtTheDeadline()
    {
        var decision = Evaluate(Six + Deadline - TimeSpan.FromSeconds(1));

        Assert.Empty(decision.Events);
        Assert.Equal(new JobWatch(Since, Six, null), decision.Watch);
        Assert.Equal(Six + Deadline, decision.NextCheck);
    }

    [Fact]
    public void Evaluate_SucceededWithinTheDeadline_ConfirmedAndMovesToTheNextTime()
    {
        var decision = Evaluate(Six + Deadline, successes: Success(Six, TimeSpan.FromSeconds(5)));

        Assert.Empty(decision.Events);
        Assert.Equal(new JobWatch(Since, Six.AddDays(1), null), decision.Watch);
        Assert.Equal(Six.AddDays(1) + Deadline, decision.NextCheck);
    }

    [Fact]
    public void Evaluate_SucceededEarly_ConfirmedBeforeTheDeadline()
    {
        var decision = Evaluate(Six.AddMinutes(1), successes: Success(Six, TimeSpan.FromSeconds(5)));

        Assert.Equal(Six.AddDays(1), decision.Watch.Watermark);
    }

    [Fact]
    public void Evaluate_NoSuccessByTheDeadline_OneMissedRunEvent()
    {
        var decision = Evaluate(Six + Deadline);

        var e = Assert.Single(decision.Events);
        Assert.Equal((NotificationEventKind.MissedRun, Six, Six, 1, Deadline), (e.Kind, e.FirstMissed!.Value, e.LastMissed!.Value, e.MissedCount, e.Deadline!.Value));
        Assert.Equal(("sync-daily-data", "Asia/Tokyo", Six + Deadline), (e.Job!.JobId, e.TimeZone, e.Time));
        Assert.Equal(new JobWatch(Since, Six.AddDays(1), Six), decision.Watch);
    }

    [Fact]
    public void Evaluate_SucceededOnlyAfterTheDeadline_StillMissed()
    {
        var decision = Evaluate(Six.AddMinutes(45), successes: Success(Six, TimeSpan.FromMinutes(40)));

        // The late success resolves at once: the alert and its resolution go out together.
        Assert.Equal([NotificationEventKind.MissedRun, NotificationEventKind.MissedRunResolved], decision.Events.Select(e => e.Kind));
        Assert.Null(decision.Watch.MissedFrom);
    }

    [Fact]
    public void Evaluate_AlertOpenThenLateSuccess_Resolved()
    {
        var open = new JobWatch(Since, Six.AddDays(1), Six);

        var decision = Evaluate(Six.AddMinutes(45), open, successes: Success(Six, TimeSpan.FromMinutes(40)));

        var e = Assert.Single(decision.Events);
        Assert.Equal((NotificationEventKind.MissedRunResolved, Six), (e.Kind, e.ScheduleTime!.Value));
        Assert.Equal(new JobWatch(Since, Six.AddDays(1), null), decision.Watch);
    }

    [Fact]
    public void Evaluate_AlertOpenAndMissedAgain_NothingMore()
    {
        var open = new JobWatch(Since, Six.AddDays(1), Six);

        var decision = Evaluate(Six.AddDays(1) + Deadline, open);

        Assert.Empty(decision.Events);
        Assert.Equal(new JobWatch(Since, Six.AddDays(2), Six), decision.Watch);
    }

    // Server down from before the first 06:00 until 2027-01-05T00:00Z: four 06:00s (Jan 2 to 5 Tokyo) slept
    // through, found from the schedule alone.
    [Fact]
    public void Evaluate_OutageAcrossSeveralTimes_OneAlertCountingThem()
    {
        var now = new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero);

        var decision = Evaluate(now);

        var e = Assert.Single(decision.Events);
        Assert.Equal((Six, Six.AddDays(3), 4), (e.FirstMissed!.Value, e.LastMissed!.Value, e.MissedCount));
        Assert.Equal(new JobWatch(Since, Six.AddDays(4), Six), decision.Watch);
    }

    [Fact]
    public void Evaluate_ManualRunAfterTheTime_ConfirmsIt()
    {
        var decision = Evaluate(Six + Deadline, successes: new SucceededRun(Six.AddMinutes(10), Six.AddMinutes(11)));

        Assert.Empty(decision.Events);
        Assert.Equal(Six.AddDays(1), decision.Watch.Watermark);
    }

    [Fact]
    public void Evaluate_ClockRestarted_TimesBeforeTheNewStartAreNotOwed()
    {
        // Paused over Jan 2-3, resumed at 2027-01-04T00:00Z: the bookmark belongs to the old clock start.
        var resumed = new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
        var stale = new JobWatch(Since, Six, null);

        var decision = Evaluate(resumed.AddHours(1), stale, Job(resumed));

        Assert.Empty(decision.Events);
        Assert.Equal(new JobWatch(resumed, Six.AddDays(3), null), decision.Watch);
    }

    [Fact]
    public void Evaluate_TruncatedSuccesses_StopsAfterTheLastListed()
    {
        var decision = Evaluate(Six.AddDays(3), truncated: true, successes: Success(Six, TimeSpan.FromSeconds(5)));

        Assert.Empty(decision.Events);
        Assert.Equal(Six.AddDays(1), decision.Watch.Watermark);
    }

    [Fact]
    public void SuccessesFrom_OpenAlertBeforeTheWatermark_FromTheFirstMissedTime()
    {
        Assert.Equal(Since, MissedRunPlanner.SuccessesFrom(Job(), JobWatch.None));
        Assert.Equal(Six.AddDays(1), MissedRunPlanner.SuccessesFrom(Job(), new JobWatch(Since, Six.AddDays(1), null)));
        Assert.Equal(Six, MissedRunPlanner.SuccessesFrom(Job(), new JobWatch(Since, Six.AddDays(1), Six)));
    }
}
