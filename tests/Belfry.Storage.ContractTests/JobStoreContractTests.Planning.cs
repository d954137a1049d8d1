using System.Collections.Concurrent;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task PlanDueJobs_PlanWithFireSkipMissAndDeferred_AppliesAllOfItAndAdvancesTheJob()
    {
        var due = StoreTime.T0;
        var job = await CreateJobAsync(TestJobs.Minimal("plan", due));
        var now = due.AddMinutes(30);
        var plan = new OccurrencePlan(
            Fire: [new PlannedFire(due.AddMinutes(20), ExecutionTrigger.CatchUp)],
            Skipped: [due.AddMinutes(10)],
            Missed: [due, due.AddMinutes(5)],
            Deferred: due.AddMinutes(25),
            NextScheduleTime: due.AddMinutes(35));

        var shown = new List<DueJob>();
        var planned = await Queue.PlanDueJobsAsync(now, now, 10, AttemptLease, d =>
        {
            shown.Add(d);
            return plan;
        }, Ct);

        Assert.Equal(1, planned.Jobs);
        var seen = Assert.Single(shown);
        Assert.Equal(job, seen.Job);
        Assert.Equal(0, seen.OutstandingExecutions);
        Assert.Null(seen.DeferredTime);

        var executions = await ListAllExecutionsAsync(job.Name);
        Assert.Equal(4, executions.Count);
        // The fire is created claimed by the planner: Running, attempt 1, epoch 1, leased from now.
        var fired = Assert.Single(executions, e => e.State == ExecutionState.Running);
        Assert.Equal((due.AddMinutes(20), ExecutionTrigger.CatchUp, due.AddMinutes(20), now), (fired.ScheduleTime, fired.Trigger, fired.NextAttemptTime!.Value, fired.CreateTime));
        Assert.Null(fired.FinishTime);
        Assert.Null(fired.FirstAttemptTime);
        Assert.Equal((1, 1L), (fired.AttemptCount, fired.Epoch));
        var claim = Assert.Single(planned.Fired);
        Assert.Equal((fired.Id, 1, 1L, now + AttemptLease), (claim.Execution.Id, claim.AttemptNumber, claim.Epoch, claim.LeaseUntil));
        Assert.Equal(job.Name, claim.Job.Name);
        Assert.Equal([due.AddMinutes(10)], executions.Where(e => e.State == ExecutionState.Skipped).Select(e => e.ScheduleTime));
        Assert.Equal([due.AddMinutes(5), due], executions.Where(e => e.State == ExecutionState.Missed).Select(e => e.ScheduleTime));
        Assert.All(executions.Where(e => e.State != ExecutionState.Running), e =>
        {
            Assert.Equal(now, e.FinishTime);
            Assert.Null(e.NextAttemptTime);
            Assert.Empty(e.Attempts);
        });

        var advanced = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(due.AddMinutes(35), advanced.ScheduleTime);
        Assert.True(advanced.Version > job.Version);

        // The deferred time and the outstanding execution are what the planner sees next time.
        var next = await PlanAsync(due.AddMinutes(35), d => FireOnce(d, TimeSpan.FromMinutes(5)) with { Fire = [] });
        Assert.Equal(due.AddMinutes(25), Assert.Single(next).DeferredTime);
        Assert.Equal(1, next[0].OutstandingExecutions);
    }

    [Fact]
    public async Task PlanDueJobs_OnlyEnabledJobsAtOrBeforeNow_EarliestFirstUpToMax()
    {
        var now = StoreTime.T0;
        await Jobs.CreateJobAsync(TestJobs.Minimal("late", now.AddMinutes(-1)), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("later", now.AddMinutes(-5)), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("exact", now), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("future", now.AddTicks(10)), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("paused", now.AddMinutes(-10)) with { State = JobState.Paused }, Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("unscheduled", null), Ct);

        var firstBatch = new List<string>();
        var count = (await Queue.PlanDueJobsAsync(now, now, 2, AttemptLease, d =>
        {
            firstBatch.Add(d.Job.Name.JobId);
            return FireOnce(d, TimeSpan.FromHours(1));
        }, Ct)).Jobs;
        var rest = await PlanAsync(now, d => FireOnce(d, TimeSpan.FromHours(1)));

        Assert.Equal(2, count);
        Assert.Equal(["later", "late"], firstBatch);
        Assert.Equal(["exact"], rest.Select(d => d.Job.Name.JobId));
        Assert.Empty(await PlanAsync(now, d => FireOnce(d, TimeSpan.FromHours(1))));
    }

    [Fact]
    public async Task PlanDueJobs_CountsPendingAndRunningAsOutstanding()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("outstanding", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(-3), Ct);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(-2), Ct);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(-1), Ct);
        var done = await ClaimAsync(StoreTime.T0.AddSeconds(-2));
        Assert.Equal(2, done.Count);
        Assert.True(await Queue.RecordAttemptAsync(Result(done[0], StoreTime.T0.AddSeconds(-2), true, null), Ct));

        var seen = Assert.Single(await PlanAsync(StoreTime.T0, d => FireOnce(d, TimeSpan.FromHours(1))));

        Assert.Equal(2, seen.OutstandingExecutions);
    }

    [Fact]
    public async Task PlanDueJobs_TenConcurrentPlannersOnFiftyDueJobs_EachJobPlannedOnce()
    {
        const int jobCount = 50;
        for (var i = 0; i < jobCount; i++)
        {
            await Jobs.CreateJobAsync(TestJobs.Minimal($"race-{i:D2}", StoreTime.T0.AddSeconds(-i)), Ct);
        }

        var planned = new ConcurrentBag<string>();
        var now = StoreTime.T0.AddSeconds(1);
        var counts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            async () => (await Queue.PlanDueJobsAsync(now, now, 7, AttemptLease, d =>
            {
                planned.Add(d.Job.Name.JobId);
                return FireOnce(d, TimeSpan.FromHours(1));
            }, Ct)).Jobs, Ct)));
        var leftover = (await Queue.PlanDueJobsAsync(now, now, 1000, AttemptLease, d => FireOnce(d, TimeSpan.FromHours(1)), Ct)).Jobs;

        Assert.Equal(jobCount, counts.Sum() + leftover);
        for (var i = 0; i < jobCount; i++)
        {
            var name = TestJobs.Location.Job($"race-{i:D2}");
            var execution = Assert.Single(await ListAllExecutionsAsync(name));
            Assert.Equal(StoreTime.T0.AddSeconds(-i), execution.ScheduleTime);
            Assert.Equal(StoreTime.T0.AddSeconds(-i).AddHours(1), (await Jobs.GetJobAsync(name, Ct))!.ScheduleTime);
        }
    }
}
