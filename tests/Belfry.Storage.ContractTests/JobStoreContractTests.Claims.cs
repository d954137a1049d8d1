using System.Collections.Concurrent;
using Belfry.Core.Executions;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task CreateManualExecution_AnyOutstanding_CreatesPendingManualExecutionDueNow()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("manual", StoreTime.T0));
        var now = StoreTime.T0.AddTicks(1_234_567);
        var first = await Jobs.CreateManualExecutionAsync(job.Name, now, Ct);

        var second = await Jobs.CreateManualExecutionAsync(job.Name, now, Ct);

        Assert.NotEqual(first.Id, second.Id);
        var stored = await GetExecutionAsync(job.Name, first.Id);
        foreach (var execution in new[] { first, stored })
        {
            Assert.Equal(job.Name, execution.Job);
            Assert.Equal((ExecutionTrigger.Manual, ExecutionState.Pending), (execution.Trigger, execution.State));
            Assert.Equal(StoreTime.Truncate(now, InstantPrecision), execution.ScheduleTime);
            Assert.Equal(StoreTime.Truncate(now, InstantPrecision), execution.NextAttemptTime);
            Assert.Equal(StoreTime.Truncate(now, InstantPrecision), execution.CreateTime);
            Assert.Equal(TimeSpan.Zero, execution.ScheduleTime.Offset);
            Assert.Equal(0, execution.AttemptCount);
            Assert.Null(execution.FirstAttemptTime);
            Assert.Null(execution.FinishTime);
        }
    }

    [Fact]
    public async Task ClaimDueAttempts_DuePending_BecomesRunningWithLeaseFirstAttemptAndTheJob()
    {
        var job = await CreateJobAsync(TestJobs.Full("claim", InstantPrecision));
        var execution = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var now = StoreTime.T0.AddSeconds(3);

        var claim = await ClaimSingleAsync(now);

        Assert.Equal(job, claim.Job);
        Assert.Equal(execution.Id, claim.Execution.Id);
        Assert.Equal(1, claim.AttemptNumber);
        Assert.Equal(1, claim.Epoch);
        Assert.Equal(now + AttemptLease, claim.LeaseUntil);
        Assert.Equal(TimeSpan.Zero, claim.LeaseUntil.Offset);
        Assert.Equal((ExecutionState.Running, 1, 1L, now), (claim.Execution.State, claim.Execution.AttemptCount, claim.Execution.Epoch, claim.Execution.FirstAttemptTime!.Value));
        Assert.Equal(StoreTime.T0, claim.Execution.ScheduleTime);
        Assert.Equal(StoreTime.T0, claim.Execution.NextAttemptTime);

        var stored = await GetExecutionAsync(job.Name, execution.Id);
        Assert.Equal((ExecutionState.Running, 1, 1L, now), (stored.State, stored.AttemptCount, stored.Epoch, stored.FirstAttemptTime!.Value));
        Assert.Empty(await ClaimAsync(now.AddSeconds(1)));
    }

    [Fact]
    public async Task ClaimDueAttempts_FutureAndDue_ClaimsOnlyDueOldestFirstUpToMax()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("order", StoreTime.T0));
        var late = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(2), Ct);
        var later = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(1), Ct);
        var exact = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(3), Ct);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(3).AddTicks(10), Ct);

        var first = await ClaimAsync(StoreTime.T0.AddSeconds(3), max: 2);
        var second = await ClaimAsync(StoreTime.T0.AddSeconds(3), max: 2);

        Assert.Equal([later.Id, late.Id], first.Select(c => c.Execution.Id));
        Assert.Equal([exact.Id], second.Select(c => c.Execution.Id));
    }

    [Fact]
    public async Task ClaimDueAttempts_EightConcurrentClaimers_EachExecutionClaimedOnce()
    {
        const int executionCount = 60;
        var job = await CreateJobAsync(TestJobs.Minimal("contended", StoreTime.T0));
        for (var i = 0; i < executionCount; i++)
        {
            await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMilliseconds(i), Ct);
        }

        var claimed = new ConcurrentBag<string>();
        var now = StoreTime.T0.AddMinutes(1);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await ClaimAsync(now, max: 3);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var claim in batch)
                {
                    Assert.Equal((1, 1L), (claim.AttemptNumber, claim.Epoch));
                    claimed.Add(claim.Execution.Id);
                }
            }
        }, Ct)));

        Assert.Equal(executionCount, claimed.Count);
        Assert.Equal(executionCount, claimed.Distinct().Count());
        Assert.All(await ListAllExecutionsAsync(job.Name), e => Assert.Equal((ExecutionState.Running, 1), (e.State, e.AttemptCount)));
    }

    [Fact]
    public async Task ClaimDueAttempts_LeaseNotYetExpired_LeavesTheRunningExecution()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("leased", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);

        Assert.Empty(await ClaimAsync(claim.LeaseUntil.AddTicks(-10)));
    }

    [Fact]
    public async Task ClaimDueAttempts_LeaseExpired_TakesOverWithHigherEpochAndFencesTheOldHolder()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("takeover", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var lost = await ClaimSingleAsync(StoreTime.T0);

        var takeover = await ClaimSingleAsync(lost.LeaseUntil);

        Assert.Equal(lost.Execution.Id, takeover.Execution.Id);
        Assert.Equal(lost.Epoch + 1, takeover.Epoch);
        Assert.Equal(2, takeover.AttemptNumber);
        Assert.Equal(StoreTime.T0, takeover.Execution.FirstAttemptTime);
        Assert.Equal(lost.LeaseUntil + AttemptLease, takeover.LeaseUntil);

        Assert.False(await Queue.RecordAttemptAsync(Result(lost, StoreTime.T0, true, null), Ct));
        var untouched = await GetExecutionAsync(job.Name, lost.Execution.Id);
        Assert.Equal((ExecutionState.Running, takeover.Epoch), (untouched.State, untouched.Epoch));
        Assert.Empty(untouched.Attempts);

        Assert.True(await Queue.RecordAttemptAsync(Result(takeover, lost.LeaseUntil, true, null), Ct));
        var done = await GetExecutionAsync(job.Name, lost.Execution.Id);
        Assert.Equal(ExecutionState.Succeeded, done.State);
        var attempt = Assert.Single(done.Attempts);
        Assert.Equal((2, takeover.Epoch), (attempt.Number, attempt.Epoch));
    }
}
