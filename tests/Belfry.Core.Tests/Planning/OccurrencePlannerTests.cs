using System.Globalization;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Planning;

/// <summary>
/// Arming ahead: with a horizon past now, a job with nothing due, outstanding or deferred fires its next time early
/// (the dispatcher sends it at that time), and only that one. The job runs every minute in UTC, its schedule time
/// 12:01:00 on 2030-01-15; "now" and the horizon move around it:
/// <code>
///   12:00:58 ── 12:00:59 ── 12:01:00 (schedule time) ── 12:01:01 ── … ── 12:02:00 (the time after)
/// </code>
/// </summary>
public sealed class OccurrencePlannerTests
{
    private static readonly DateTimeOffset Day = new(2030, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T = At("12:01:00");
    private static readonly Schedule EveryMinute = Schedule.Parse("* * * * *", "Etc/UTC");
    private static readonly Schedule EverySecond = Schedule.Parse("* * * * * *", "Etc/UTC");
    private static readonly Schedule EveryFiveMinutes = Schedule.Parse("*/5 * * * *", "Etc/UTC");

    private static DateTimeOffset At(string utcTime) => Day + TimeSpan.Parse(utcTime, CultureInfo.InvariantCulture);

    private static ScheduleState Due(
        DateTimeOffset? scheduleTime, int outstanding = 0, DateTimeOffset? deferred = null,
        OverlapPolicy overlap = OverlapPolicy.Coalesce, CatchUpPolicy catchUp = CatchUpPolicy.Latest) =>
        ScheduleState.Of(scheduleTime, BelfrySettings.Default with { Overlap = overlap, CatchUp = catchUp }, outstanding, deferred);

    private static string? Times(IEnumerable<DateTimeOffset> times) =>
        string.Join(" ", times.Select(t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture))) is { Length: > 0 } joined ? joined : null;

    // Nothing outstanding or deferred; only now and the horizon move. The horizon is inclusive, like now.
    [Theory]
    [InlineData("12:00:59", "12:01:01", "12:01:00", "12:02:00")] // the default lookahead (2 s): armed, next is the time after
    [InlineData("12:00:58", "12:01:00", "12:01:00", "12:02:00")] // the time exactly at the horizon is armed
    [InlineData("12:00:57", "12:00:59", null, "12:01:00")] // the time just past the horizon waits
    [InlineData("12:00:59", "12:00:59", null, "12:01:00")] // horizon == now: no arming
    [InlineData("12:00:30", "12:05:00", "12:01:00", "12:02:00")] // a horizon over several times still arms one
    [InlineData("12:01:00", "12:01:02", "12:01:00", "12:02:00")] // due now: fires as on time, nothing more
    [InlineData("12:01:00", "12:02:00", "12:01:00", "12:02:00")] // due now with the next time at the horizon: still one
    public void Plan_HorizonAroundTheScheduleTime_ArmsAtMostTheNextTime(string now, string horizon, string? fired, string next)
    {
        var plan = OccurrencePlanner.Plan(Due(T), EveryMinute, At(now), At(horizon));

        Assert.Equal(fired, Times(plan.Fire.Select(f => f.ScheduleTime)));
        Assert.All(plan.Fire, f => Assert.Equal(ExecutionTrigger.Scheduled, f.Trigger));
        Assert.Equal(At(next), plan.NextScheduleTime);
        Assert.Empty(plan.Skipped);
        Assert.Empty(plan.Missed);
        Assert.Null(plan.Deferred);
    }

    // Arming needs nothing outstanding and nothing waiting, whatever the overlap policy: at T-1s with a 2 s horizon.
    [Theory]
    [InlineData("Coalesce", 0, null, "12:01:00", "12:02:00")]
    [InlineData("Skip", 0, null, "12:01:00", "12:02:00")]
    [InlineData("Allow", 0, null, "12:01:00", "12:02:00")]
    [InlineData("Coalesce", 1, null, null, "12:01:00")]
    [InlineData("Skip", 1, null, null, "12:01:00")]
    [InlineData("Allow", 1, null, null, "12:01:00")] // Allow would fire alongside at the time, but does not arm ahead of it
    [InlineData("Allow", 0, "12:00:00", null, "12:01:00")] // a deferred time left under Allow blocks arming too
    public void Plan_OutstandingOrDeferred_DoesNotArm(string overlap, int outstanding, string? deferred, string? fired, string next)
    {
        var due = Due(T, outstanding, deferred is null ? null : At(deferred), Enum.Parse<OverlapPolicy>(overlap));

        var plan = OccurrencePlanner.Plan(due, EveryMinute, T.AddSeconds(-1), T.AddSeconds(1));

        Assert.Equal(fired, Times(plan.Fire.Select(f => f.ScheduleTime)));
        Assert.Equal(At(next), plan.NextScheduleTime);
        Assert.Equal(deferred is null ? null : At(deferred), plan.Deferred);
    }

    [Fact]
    public void Plan_CoalescedTimeWaitingAndNothingOutstanding_FiresTheWaitingTimeNotTheNextOne()
    {
        var plan = OccurrencePlanner.Plan(Due(T, deferred: At("12:00:00")), EveryMinute, T.AddSeconds(-1), T.AddSeconds(1));

        var fire = Assert.Single(plan.Fire);
        Assert.Equal(At("12:00:00"), fire.ScheduleTime);
        Assert.Equal(T, plan.NextScheduleTime);
        Assert.Null(plan.Deferred);
    }

    [Fact]
    public void Plan_OnlyMissedTimes_RecordsThemAndArmsTheNextTime()
    {
        // Every 5 minutes, down since 11:35 with catch-up off: 11:35 … 11:55 are all more than the misfire threshold
        // late, so nothing fires now, and 12:00 is within the horizon.
        var plan = OccurrencePlanner.Plan(Due(At("11:35:00"), catchUp: CatchUpPolicy.None), EveryFiveMinutes, At("11:59:59"), At("12:00:01"));

        Assert.Equal("11:35:00 11:40:00 11:45:00 11:50:00 11:55:00", Times(plan.Missed));
        Assert.Equal([new PlannedFire(At("12:00:00"), ExecutionTrigger.Scheduled)], plan.Fire);
        Assert.Equal(At("12:05:00"), plan.NextScheduleTime);
    }

    [Fact]
    public void Plan_CatchUpFiresNow_DoesNotArmTheNextTime()
    {
        var plan = OccurrencePlanner.Plan(Due(At("11:40:00")), EveryFiveMinutes, At("11:59:59"), At("12:00:01"));

        Assert.Equal([new PlannedFire(At("11:55:00"), ExecutionTrigger.CatchUp)], plan.Fire);
        Assert.Equal("11:40:00 11:45:00 11:50:00", Times(plan.Missed));
        Assert.Equal(At("12:00:00"), plan.NextScheduleTime);
    }

    [Fact]
    public void Plan_EverySecondWithTwoTimesInTheHorizon_ArmsOnlyTheFirst()
    {
        var now = T.AddMilliseconds(-500);

        var plan = OccurrencePlanner.Plan(Due(T), EverySecond, now, now + TimeSpan.FromSeconds(2));

        Assert.Equal([new PlannedFire(T, ExecutionTrigger.Scheduled)], plan.Fire);
        Assert.Equal(T.AddSeconds(1), plan.NextScheduleTime);
    }

    [Fact]
    public void Plan_EverySecondDueNow_FiresOnlyTheDueTime()
    {
        var plan = OccurrencePlanner.Plan(Due(T), EverySecond, T, T + TimeSpan.FromSeconds(2));

        Assert.Equal([new PlannedFire(T, ExecutionTrigger.Scheduled)], plan.Fire);
        Assert.Equal(T.AddSeconds(1), plan.NextScheduleTime);
    }

    [Fact]
    public void Plan_ScheduleTimeAfterNowOffTheSchedule_ArmsTheScheduleTimeItself()
    {
        // 12:01:30 is not a whole minute (say, kept from an older definition): the job's own time is what comes next.
        var scheduleTime = At("12:01:30");

        var ahead = OccurrencePlanner.Plan(Due(scheduleTime), EveryMinute, At("12:01:29"), At("12:01:31"));
        var notYet = OccurrencePlanner.Plan(Due(scheduleTime), EveryMinute, At("12:00:59"), At("12:01:01"));

        Assert.Equal([new PlannedFire(scheduleTime, ExecutionTrigger.Scheduled)], ahead.Fire);
        Assert.Equal(At("12:02:00"), ahead.NextScheduleTime);
        Assert.Empty(notYet.Fire);
        Assert.Equal(scheduleTime, notYet.NextScheduleTime);
    }

    [Fact]
    public void Plan_ScheduleTimeAfterNowWithoutHorizon_KeepsTheScheduleTime()
    {
        var plan = OccurrencePlanner.Plan(Due(At("12:01:30")), EveryMinute, At("12:01:10"));

        Assert.Empty(plan.Fire);
        Assert.Empty(plan.Missed);
        Assert.Equal(At("12:01:30"), plan.NextScheduleTime);
    }

    // horizon == now is the three-argument overload, whatever else is going on.
    [Theory]
    [InlineData("12:01:00", "12:00:59", 0, null, "Coalesce", "Latest")] // before the time
    [InlineData("12:01:00", "12:01:00", 0, null, "Coalesce", "Latest")] // at the time
    [InlineData("12:01:00", "12:03:30", 1, null, "Coalesce", "Latest")] // times pile up behind an outstanding one
    [InlineData("12:01:00", "12:03:30", 1, "12:00:00", "Skip", "Latest")]
    [InlineData("11:00:00", "12:03:30", 0, null, "Allow", "All")] // catch-up
    [InlineData("11:00:00", "12:03:30", 0, null, "Coalesce", "None")] // missed
    public void Plan_HorizonEqualsNow_SameAsWithoutHorizon(string scheduleTime, string now, int outstanding, string? deferred, string overlap, string catchUp)
    {
        var due = Due(At(scheduleTime), outstanding, deferred is null ? null : At(deferred), Enum.Parse<OverlapPolicy>(overlap), Enum.Parse<CatchUpPolicy>(catchUp));

        var without = OccurrencePlanner.Plan(due, EveryMinute, At(now));
        var with = OccurrencePlanner.Plan(due, EveryMinute, At(now), At(now));

        Assert.Equal(without.Fire, with.Fire);
        Assert.Equal(without.Skipped, with.Skipped);
        Assert.Equal(without.Missed, with.Missed);
        Assert.Equal((without.Deferred, without.NextScheduleTime), (with.Deferred, with.NextScheduleTime));
    }

    // America/New_York, Sunday 2030-03-10, spring forward at 02:00 EST (07:00Z); "30 2 * * *" has no 02:30 that day
    // and fires at 03:00 EDT:
    //
    //   local  01:59:59 -05 ┐          ┌ 03:00 -04 (07:00Z) ─────── next day 02:30 -04 (2030-03-11T06:30Z)
    //                       └─ 02:xx ─┘
    //
    // America/New_York, Sunday 2030-11-03, fall back at 02:00 EDT (06:00Z); "30 1 * * *" fires at the first 01:30 only:
    //
    //   local  01:30 -04 (05:30Z) ── 01:59:59 -04 ┐
    //                                             └→ 01:30 -05 (06:30Z, not fired) ── next day 01:30 -05 (2030-11-04T06:30Z)
    [Theory]
    [InlineData("30 2 * * *", "2030-03-10T07:00:00Z", "2030-03-10T06:59:59Z", "2030-03-10T03:00:00-04:00", "2030-03-11T02:30:00-04:00")]
    [InlineData("30 1 * * *", "2030-11-03T05:30:00Z", "2030-11-03T05:29:59Z", "2030-11-03T01:30:00-04:00", "2030-11-04T01:30:00-05:00")]
    public void Plan_ArmedAcrossDst_ArmsTheInstantAndNextIsTheScheduleOccurrenceAfterIt(
        string expression, string scheduleTime, string now, string armedLocal, string nextLocal)
    {
        var schedule = Schedule.Parse(expression, "America/New_York");
        var at = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);

        var plan = OccurrencePlanner.Plan(Due(DateTimeOffset.Parse(scheduleTime, CultureInfo.InvariantCulture)), schedule, at, at.AddSeconds(2));

        var armed = Assert.Single(plan.Fire);
        var local = TimeZoneInfo.ConvertTime(armed.ScheduleTime, schedule.TimeZone);
        Assert.Equal(armedLocal, local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        var next = TimeZoneInfo.ConvertTime(plan.NextScheduleTime!.Value, schedule.TimeZone);
        Assert.Equal(nextLocal, next.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
