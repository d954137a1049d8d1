using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

// Arming ahead (IDispatchQueue.PlanDueJobsAsync with a horizon past now; UpdateJobAsync withdrawing what was armed). The
// jobs run every 5 minutes from T0; the dispatcher's default lookahead is 2 s:
//
//   T0-1s (plan, horizon T0+1s) ── T0 (armed time: sent, lease starts) ── T0+3.5min (lease ends) ── T0+5min (next)
public abstract partial class JobStoreContractTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>Plans with a horizon, firing each shown job's schedule time (armed when it is after now).</summary>
    private async Task<(PlannedJobs Planned, List<DueJob> Shown)> PlanAheadAsync(DateTimeOffset now, DateTimeOffset horizon)
    {
        var shown = new List<DueJob>();
        var planned = await Queue.PlanDueJobsAsync(now, horizon, 1000, AttemptLease, due =>
        {
            shown.Add(due);
            return FireOnce(due, FiveMinutes);
        }, Ct);
        return (planned, shown);
    }

    /// <summary>Creates a job due at T0 and arms it at T0-1s; returns the armed claim.</summary>
    private async Task<(Job Job, ClaimedAttempt Armed)> CreateArmedAsync(string jobId)
    {
        var job = await CreateJobAsync(TestJobs.Minimal(jobId, StoreTime.T0));
        var (planned, _) = await PlanAheadAsync(StoreTime.T0.AddSeconds(-1), StoreTime.T0.AddSeconds(1));
        return (job, Assert.Single(planned.Fired));
    }

    [Fact]
    public async Task PlanDueJobs_ScheduleTimeWithinHorizon_ArmedRunningUnattemptedLeasedFromItsTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("armed", StoreTime.T0));
        var now = StoreTime.T0.AddSeconds(-1);

        var (planned, shown) = await PlanAheadAsync(now, StoreTime.T0.AddSeconds(1));

        Assert.Equal(1, planned.Jobs);
        var due = Assert.Single(shown);
        Assert.Equal((0, (DateTimeOffset?)null), (due.OutstandingExecutions, due.DeferredTime));
        var claim = Assert.Single(planned.Fired);
        Assert.Equal(job, claim.Job);
        Assert.Equal((1, 1L), (claim.AttemptNumber, claim.Epoch));
        Assert.Equal(StoreTime.T0 + AttemptLease, claim.LeaseUntil);
        Assert.Equal((StoreTime.T0, ExecutionState.Running, ExecutionTrigger.Scheduled), (claim.Execution.ScheduleTime, claim.Execution.State, claim.Execution.Trigger));
        Assert.Null(claim.Execution.FirstAttemptTime);

        var stored = await GetExecutionAsync(job.Name, claim.Execution.Id);
        Assert.Equal((ExecutionState.Running, 1, 1L), (stored.State, stored.AttemptCount, stored.Epoch));
        Assert.Equal((StoreTime.T0, StoreTime.T0, now), (stored.ScheduleTime, stored.NextAttemptTime!.Value, stored.CreateTime));
        Assert.Null(stored.FirstAttemptTime);
        Assert.Null(stored.FinishTime);
        Assert.Empty(stored.Attempts);
        Assert.Equal(StoreTime.T0 + FiveMinutes, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }

    [Fact]
    public async Task PlanDueJobs_ArmedExecution_NotClaimableBeforeItsLeaseEnds()
    {
        var (job, armed) = await CreateArmedAsync("held");

        Assert.Empty(await ClaimAsync(StoreTime.T0));
        Assert.Empty(await ClaimAsync(armed.LeaseUntil.AddTicks(-1)));
        Assert.Equal(armed.LeaseUntil, (await Queue.GetNextDueAsync(Ct)).Other);

        // Never sent by its planner: the lease runs out and it is taken over, fencing the planner's claim.
        var takeover = await ClaimSingleAsync(armed.LeaseUntil);
        Assert.Equal((armed.Execution.Id, 2L), (takeover.Execution.Id, takeover.Epoch));
        Assert.False(await Queue.RecordAttemptAsync(Result(armed, armed.LeaseUntil, true, null), Ct));
        Assert.True(await Queue.RecordAttemptAsync(Result(takeover, armed.LeaseUntil, true, null), Ct));
        Assert.Equal(ExecutionState.Succeeded, (await GetExecutionAsync(job.Name, armed.Execution.Id)).State);
    }

    [Fact]
    public async Task PlanDueJobs_BetweenNowAndHorizon_OnlyJobsWithNothingOutstandingOrDeferred()
    {
        var now = StoreTime.T0;
        var horizon = now.AddSeconds(2);
        await Jobs.CreateJobAsync(TestJobs.Minimal("free", now.AddSeconds(1)), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("at-horizon", horizon), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("beyond", horizon + InstantPrecision), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("paused", now.AddSeconds(1)) with { State = JobState.Paused }, Ct);
        var pending = await CreateJobAsync(TestJobs.Minimal("pending", now.AddSeconds(1)));
        var running = await CreateJobAsync(TestJobs.Minimal("running", now.AddSeconds(1)));
        await Jobs.CreateManualExecutionAsync(running.Name, now.AddMinutes(-1), Ct);
        await ClaimAsync(now.AddMinutes(-1));
        Assert.Equal(ExecutionState.Running, Assert.Single(await ListAllExecutionsAsync(running.Name)).State);
        await Jobs.CreateManualExecutionAsync(pending.Name, now.AddMinutes(-1), Ct);

        // A deferred time with nothing outstanding: only a plan can leave one, so one is made to.
        var deferred = await CreateJobAsync(TestJobs.Minimal("deferred", now.AddMinutes(-2)));
        await Queue.PlanDueJobsAsync(now.AddMinutes(-2), now.AddMinutes(-2), 1, AttemptLease,
            d => new OccurrencePlan([], [], [], now.AddMinutes(-2), now.AddSeconds(1)), Ct);
        Assert.Equal(now.AddSeconds(1), (await Jobs.GetJobAsync(deferred.Name, Ct))!.ScheduleTime);

        // Due jobs are shown whatever is outstanding.
        var due = await CreateJobAsync(TestJobs.Minimal("due-busy", now));
        await Jobs.CreateManualExecutionAsync(due.Name, now.AddMinutes(-1), Ct);

        var (planned, shown) = await PlanAheadAsync(now, horizon);

        Assert.Equal(["due-busy", "free", "at-horizon"], shown.Select(d => d.Job.Name.JobId));
        Assert.Equal(3, planned.Jobs);
        Assert.Equal([1, 0, 0], shown.Select(d => d.OutstandingExecutions));
        Assert.Equal([now, now.AddSeconds(1), horizon], planned.Fired.Select(f => f.Execution.ScheduleTime));
    }

    [Fact]
    public async Task PlanDueJobs_ArmedExecutionOutstanding_JobNotArmedAgainUntilItIsDue()
    {
        var (job, armed) = await CreateArmedAsync("once");
        var next = StoreTime.T0 + FiveMinutes;

        // Even with a horizon past the next time, the outstanding armed execution keeps the job out.
        var (again, shownAgain) = await PlanAheadAsync(StoreTime.T0.AddSeconds(-1), next.AddSeconds(1));
        var (later, shownLater) = await PlanAheadAsync(next.AddSeconds(-1), next.AddSeconds(1));

        Assert.Equal((0, 0), (again.Jobs, later.Jobs));
        Assert.Empty(shownAgain);
        Assert.Empty(shownLater);
        Assert.Single(await ListAllExecutionsAsync(job.Name));

        // Once due, it is shown as usual, with the armed execution outstanding (the overlap rule decides).
        var due = Assert.Single(await PlanAsync(next, d => FireOnce(d, FiveMinutes) with { Fire = [] }));
        Assert.Equal(1, due.OutstandingExecutions);
        Assert.Equal(armed.Execution.Id, Assert.Single(await ListAllExecutionsAsync(job.Name)).Id);
    }

    [Fact]
    public async Task PlanDueJobs_ArmedExecutionFinished_NextTimeArmedAhead()
    {
        var (job, armed) = await CreateArmedAsync("chain");
        Assert.True(await Queue.RecordAttemptAsync(Result(armed, StoreTime.T0, true, null), Ct));
        var next = StoreTime.T0 + FiveMinutes;

        var (planned, _) = await PlanAheadAsync(next.AddSeconds(-1), next.AddSeconds(1));

        Assert.Equal(next, Assert.Single(planned.Fired).Execution.ScheduleTime);
        Assert.Equal(2, (await ListAllExecutionsAsync(job.Name)).Count);
    }

    [Fact]
    public async Task RecordAttempt_ArmedExecution_FirstAttemptTimeIsTheFirstAttemptsStart()
    {
        var (job, armed) = await CreateArmedAsync("first");
        var sentAt = StoreTime.T0.AddMilliseconds(3);
        var retryAt = StoreTime.T0.AddSeconds(10);

        Assert.True(await Queue.RecordAttemptAsync(Result(armed, sentAt, false, retryAt), Ct));

        Assert.Equal(StoreTime.Truncate(sentAt, InstantPrecision), (await GetExecutionAsync(job.Name, armed.Execution.Id)).FirstAttemptTime);
        var retry = await ClaimSingleAsync(retryAt);
        Assert.Equal(StoreTime.Truncate(sentAt, InstantPrecision), retry.Execution.FirstAttemptTime);
        Assert.True(await Queue.RecordAttemptAsync(Result(retry, retryAt, true, null), Ct));
        var done = await GetExecutionAsync(job.Name, armed.Execution.Id);
        Assert.Equal(StoreTime.Truncate(sentAt, InstantPrecision), done.FirstAttemptTime);
        Assert.Equal((ExecutionState.Succeeded, 2), (done.State, done.AttemptCount));
    }

    [Fact]
    public async Task UpdateJob_ArmedAndStillEnabledOnTheSameSchedule_WithdrawnAndPlannedAgainWithTheNewDefinition()
    {
        var (_, armed) = await CreateArmedAsync("retarget");
        var current = (await Jobs.GetJobAsync(armed.Job.Name, Ct))!;
        var changedAt = StoreTime.T0.AddMilliseconds(-500);
        var target = current.HttpTarget with { Uri = "https://target.test/new" };

        Assert.True(await Jobs.UpdateJobAsync(current with { HttpTarget = target, UserUpdateTime = changedAt }, Ct));

        Assert.Empty(await ListAllExecutionsAsync(armed.Job.Name));
        var updated = (await Jobs.GetJobAsync(armed.Job.Name, Ct))!;
        Assert.Equal((StoreTime.T0, "https://target.test/new"), (updated.ScheduleTime!.Value, updated.HttpTarget.Uri));
        Assert.False(await Queue.RecordAttemptAsync(Result(armed, StoreTime.T0, true, null), Ct));

        var (planned, shown) = await PlanAheadAsync(changedAt, changedAt.AddSeconds(2));
        Assert.Equal(0, Assert.Single(shown).OutstandingExecutions);
        var rearmed = Assert.Single(planned.Fired);
        Assert.NotEqual(armed.Execution.Id, rearmed.Execution.Id);
        Assert.Equal((StoreTime.T0, "https://target.test/new"), (rearmed.Execution.ScheduleTime, rearmed.Job.HttpTarget.Uri));
        Assert.Equal((1, 1L), (rearmed.AttemptNumber, rearmed.Epoch));
    }

    // Both creation orders, so neither the first nor the last withdrawn row passes for the earliest.
    [Theory]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 2, 0 })]
    public async Task UpdateJob_SeveralArmed_ScheduleTimeBackToTheEarliest(int[] secondsAfterT0)
    {
        var job = await CreateJobAsync(TestJobs.Minimal("several", StoreTime.T0) with { Belfry = BelfrySettings.Default with { Overlap = OverlapPolicy.Allow } });
        var now = StoreTime.T0.AddSeconds(-1);
        var planned = await Queue.PlanDueJobsAsync(now, StoreTime.T0.AddSeconds(2), 10, AttemptLease, d => new OccurrencePlan(
            secondsAfterT0.Select(s => new PlannedFire(StoreTime.T0.AddSeconds(s), ExecutionTrigger.Scheduled)).ToList(),
            [], [], null, StoreTime.T0 + FiveMinutes), Ct);
        Assert.Equal(2, planned.Fired.Count);
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;

        Assert.True(await Jobs.UpdateJobAsync(current with { Description = "changed", UserUpdateTime = now }, Ct));

        Assert.Empty(await ListAllExecutionsAsync(job.Name));
        Assert.Equal(StoreTime.T0, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }

    [Fact]
    public async Task UpdateJob_Paused_WithdrawsArmedAndLeavesNothingDue()
    {
        var (job, armed) = await CreateArmedAsync("pause-armed");
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;

        Assert.True(await Jobs.UpdateJobAsync(current with { State = JobState.Paused, ScheduleTime = null, UserUpdateTime = StoreTime.T0.AddSeconds(-1) }, Ct));

        Assert.Empty(await ListAllExecutionsAsync(job.Name));
        var paused = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(JobState.Paused, paused.State);
        Assert.Null(paused.ScheduleTime);
        Assert.Null((await Queue.GetNextDueAsync(Ct)).Earliest);
        Assert.Empty(await ClaimAsync(armed.LeaseUntil.AddDays(1)));
        Assert.False(await Queue.RecordAttemptAsync(Result(armed, StoreTime.T0, true, null), Ct));
    }

    [Theory]
    [InlineData("*/10 * * * *", "Etc/UTC")]
    [InlineData("*/5 * * * *", "Asia/Tokyo")]
    public async Task UpdateJob_Rescheduled_WithdrawsArmedAndKeepsTheNewScheduleTime(string schedule, string timeZone)
    {
        var (job, _) = await CreateArmedAsync("rescheduled");
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;
        var newTime = StoreTime.T0.AddMinutes(10);

        Assert.True(await Jobs.UpdateJobAsync(
            current with { Schedule = schedule, TimeZone = timeZone, ScheduleTime = newTime, UserUpdateTime = StoreTime.T0.AddSeconds(-1) }, Ct));

        Assert.Empty(await ListAllExecutionsAsync(job.Name));
        Assert.Equal(newTime, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }

    [Fact]
    public async Task UpdateJob_ArmedTimeNotAfterTheChange_Kept()
    {
        // At the change the armed time has come: it may be on the wire already, so it stays and records normally.
        var (job, armed) = await CreateArmedAsync("in-flight");
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;

        Assert.True(await Jobs.UpdateJobAsync(current with { Description = "changed", UserUpdateTime = StoreTime.T0 }, Ct));

        Assert.Equal(armed.Execution.Id, Assert.Single(await ListAllExecutionsAsync(job.Name)).Id);
        Assert.Equal(StoreTime.T0 + FiveMinutes, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
        Assert.True(await Queue.RecordAttemptAsync(Result(armed, StoreTime.T0, true, null), Ct));
    }

    [Fact]
    public async Task UpdateJob_PendingOrAttemptedExecutionsAfterTheChange_NotWithdrawn()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("not-armed", null));
        var changedAt = StoreTime.T0;

        // Running, attempted (a claim sets the first attempt time), and Pending: none of them is an armed time.
        await Jobs.CreateManualExecutionAsync(job.Name, changedAt.AddSeconds(1), Ct);
        var attempted = await ClaimSingleAsync(changedAt.AddSeconds(1));
        var pending = await Jobs.CreateManualExecutionAsync(job.Name, changedAt.AddSeconds(2), Ct);
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;

        Assert.True(await Jobs.UpdateJobAsync(current with { Description = "changed", UserUpdateTime = changedAt }, Ct));

        Assert.Equal(
            [(pending.Id, ExecutionState.Pending), (attempted.Execution.Id, ExecutionState.Running)],
            (await ListAllExecutionsAsync(job.Name)).Select(e => (e.Id, e.State)));
        Assert.Null((await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }

    [Fact]
    public async Task UpdateJob_StaleDefinitionVersion_WithdrawsNothing()
    {
        // Another user's change at T0 (the armed time has come: kept) makes the first read stale.
        var (job, armed) = await CreateArmedAsync("stale-armed");
        Assert.True(await Jobs.UpdateJobAsync((await Jobs.GetJobAsync(job.Name, Ct))! with { Description = "first", UserUpdateTime = StoreTime.T0 }, Ct));

        Assert.False(await Jobs.UpdateJobAsync(job with { Description = "lost", UserUpdateTime = StoreTime.T0.AddSeconds(-1) }, Ct));

        Assert.Equal(armed.Execution.Id, Assert.Single(await ListAllExecutionsAsync(job.Name)).Id);
        Assert.Equal(StoreTime.T0 + FiveMinutes, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }
}
