using Belfry.Core.Executions;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>Issue 14, point 4: a claim never sent is given back and uses up no retry.</summary>
public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task GiveBackClaims_FirstAttemptNeverSent_ClaimedAgainAsAttemptOneWithTheOldClaimFencedOut()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("given-back", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);

        var given = await Queue.GiveBackClaimsAsync([new HeldLease(claim.Execution.Id, claim.Epoch)], Ct);

        Assert.Equal([claim.Execution.Id], given);
        var pending = await GetExecutionAsync(job.Name, claim.Execution.Id);
        Assert.Equal((ExecutionState.Pending, 0, null), (pending.State, pending.AttemptCount, pending.FirstAttemptTime));
        var again = await ClaimSingleAsync(StoreTime.T0.AddSeconds(1));
        Assert.Equal((claim.Execution.Id, 1, claim.Epoch + 1), (again.Execution.Id, again.AttemptNumber, again.Epoch));
        Assert.Equal(StoreTime.T0.AddSeconds(1), again.Execution.FirstAttemptTime);
        Assert.False(await Queue.RecordAttemptAsync(Result(claim, StoreTime.T0, true, null), Ct));
        Assert.True(await Queue.RecordAttemptAsync(Result(again, StoreTime.T0.AddSeconds(1), true, null), Ct));
    }

    [Fact]
    public async Task GiveBackClaims_RetryNeverSent_KeepsItsTimeFirstAttemptAndCount()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("retry-given-back", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var first = await ClaimSingleAsync(StoreTime.T0);
        var retryAt = StoreTime.T0.AddSeconds(10);
        Assert.True(await Queue.RecordAttemptAsync(Result(first, StoreTime.T0, false, retryAt), Ct));
        var retry = await ClaimSingleAsync(retryAt);
        Assert.Equal(2, retry.AttemptNumber);

        Assert.Equal([retry.Execution.Id], await Queue.GiveBackClaimsAsync([new HeldLease(retry.Execution.Id, retry.Epoch)], Ct));

        Assert.Empty(await ClaimAsync(retryAt.AddTicks(-1)));
        var again = await ClaimSingleAsync(retryAt);
        Assert.Equal((2, StoreTime.T0), (again.AttemptNumber, again.Execution.FirstAttemptTime));
    }

    [Fact]
    public async Task GiveBackClaims_ArmedAheadNeverSent_PendingAtItsScheduleTimeAsAttemptOne()
    {
        var (job, armed) = await CreateArmedAsync("armed-given-back");

        Assert.Equal([armed.Execution.Id], await Queue.GiveBackClaimsAsync([new HeldLease(armed.Execution.Id, armed.Epoch)], Ct));

        Assert.Empty(await ClaimAsync(StoreTime.T0.AddTicks(-1)));
        Assert.Equal(StoreTime.T0, (await Queue.GetNextDueAsync(Ct)).Other);
        var again = await ClaimSingleAsync(StoreTime.T0);
        Assert.Equal((armed.Execution.Id, 1), (again.Execution.Id, again.AttemptNumber));
        Assert.Equal(ExecutionState.Running, (await GetExecutionAsync(job.Name, armed.Execution.Id)).State);
    }

    [Fact]
    public async Task GiveBackClaims_TakenOverFinishedOrUnknown_LeftAsTheyAre()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("taken", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var lost = await ClaimSingleAsync(StoreTime.T0);
        var takeover = await ClaimSingleAsync(lost.LeaseUntil);
        var finishedJob = await CreateJobAsync(TestJobs.Minimal("done", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(finishedJob.Name, StoreTime.T0, Ct);
        var finished = await ClaimSingleAsync(StoreTime.T0);
        Assert.True(await Queue.RecordAttemptAsync(Result(finished, StoreTime.T0, true, null), Ct));

        var given = await Queue.GiveBackClaimsAsync(
            [new HeldLease(lost.Execution.Id, lost.Epoch), new HeldLease(finished.Execution.Id, finished.Epoch), new HeldLease("no-such-execution", 1)], Ct);

        Assert.Empty(given);
        Assert.Empty(await Queue.GiveBackClaimsAsync([], Ct));
        var running = await GetExecutionAsync(job.Name, takeover.Execution.Id);
        Assert.Equal((ExecutionState.Running, 2, takeover.Epoch), (running.State, running.AttemptCount, running.Epoch));
        Assert.True(await Queue.RecordAttemptAsync(Result(takeover, lost.LeaseUntil, true, null), Ct));
        Assert.Equal(ExecutionState.Succeeded, (await GetExecutionAsync(finishedJob.Name, finished.Execution.Id)).State);
    }
}
