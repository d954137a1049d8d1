using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Planning;

/// <summary>
/// Issue 10, M5: one catch-up fires at most <see cref="OccurrencePlanner.MaxCatchUpFires"/> times and records at most
/// <see cref="OccurrencePlanner.MaxMissedRecords"/> missed ones, however many passed; the rest are counted. A job
/// running every second, down for exactly one day:
/// <code>
///   2030-01-14 12:00:00 (schedule time) ─ 86,400 times, one a second ─ 2030-01-15 12:00:00 (now)
/// </code>
/// </summary>
public sealed class CatchUpLimitTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Schedule EverySecond = Schedule.Parse("* * * * * *", "Etc/UTC");

    private static ScheduleState Due(CatchUpPolicy catchUp, TimeSpan window, OverlapPolicy overlap, DateTimeOffset scheduleTime) =>
        new(scheduleTime, overlap, catchUp, window, 0, null);

    [Fact]
    public void Plan_AllWithOneDayWindowAfterOneDayDown_FiresTheLatestHundredAndCountsTheRest()
    {
        var plan = OccurrencePlanner.Plan(Due(CatchUpPolicy.All, TimeSpan.FromDays(1), OverlapPolicy.Allow, Now.AddDays(-1)), EverySecond, Now);

        // 86,401 times from 12:00:00 to 12:00:00 inclusive: the last 60 s are on time, the 86,341 before are late.
        var catchUp = plan.Fire.Where(f => f.Trigger == ExecutionTrigger.CatchUp).Select(f => f.ScheduleTime).ToList();
        Assert.Equal(OccurrencePlanner.MaxCatchUpFires, catchUp.Count);
        Assert.Equal(Now.AddSeconds(-60), catchUp[^1]);
        Assert.Equal(60, plan.Fire.Count(f => f.Trigger == ExecutionTrigger.Scheduled));
        Assert.Equal(OccurrencePlanner.MaxMissedRecords, plan.Missed.Count);
        Assert.Equal(catchUp[0].AddSeconds(-1), plan.Missed[^1]);
        Assert.Equal(86_341 - 100 - 100, plan.MissedNotRecorded);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Plan_AllWithCoalesce_OneFiresAndTheSkippedAreBounded()
    {
        var plan = OccurrencePlanner.Plan(Due(CatchUpPolicy.All, TimeSpan.FromDays(1), OverlapPolicy.Coalesce, Now.AddDays(-1)), EverySecond, Now);

        Assert.Single(plan.Fire);
        Assert.InRange(plan.Skipped.Count + plan.Missed.Count, 0, OccurrencePlanner.MaxCatchUpFires + OccurrencePlanner.MaxMissedRecords + 60);
    }

    [Theory]
    [InlineData("Latest")]
    [InlineData("None")]
    public void Plan_OtherPoliciesAfterOneDayDown_RecordAtMostTheCapAndCountTheRest(string policy)
    {
        var plan = OccurrencePlanner.Plan(Due(Enum.Parse<CatchUpPolicy>(policy), TimeSpan.FromHours(1), OverlapPolicy.Allow, Now.AddDays(-1)), EverySecond, Now);

        Assert.Equal(OccurrencePlanner.MaxMissedRecords, plan.Missed.Count);
        Assert.Equal(86_341, plan.Missed.Count + plan.MissedNotRecorded + plan.Fire.Count(f => f.Trigger == ExecutionTrigger.CatchUp));
    }

    [Fact]
    public void Plan_WindowStoredBeforeItWasBounded_TakenAtTheBoundInsteadOfThrowing()
    {
        // 2,001 years: now - window was before year 1, and the planner threw.
        var window = TimeSpan.FromDays(2001 * 365.25);

        var plan = OccurrencePlanner.Plan(Due(CatchUpPolicy.All, window, OverlapPolicy.Allow, Now.AddDays(-1)), EverySecond, Now);

        Assert.Equal(Now.AddSeconds(1), plan.NextScheduleTime);
        Assert.Equal(OccurrencePlanner.MaxCatchUpFires + 60, plan.Fire.Count);
    }
}
