using Belfry.Core.Executions;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task RenewLeases_HeldAtItsEpoch_ExtendedSoNotTakenOverUntilTheNewEnd()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("renewed", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);
        var until = claim.LeaseUntil + AttemptLease;

        var renewal = await Queue.RenewLeasesAsync([new HeldLease(claim.Execution.Id, claim.Epoch)], until, Ct);

        Assert.Equal([claim.Execution.Id], renewal.Renewed);
        Assert.Empty(renewal.Lost);
        Assert.Empty(await ClaimAsync(until.AddTicks(-10)));
        Assert.Equal(until, (await Queue.GetNextDueAsync(Ct)).Other);
        var takeover = await ClaimSingleAsync(until);
        Assert.Equal(claim.Epoch + 1, takeover.Epoch);
    }

    [Fact]
    public async Task RenewLeases_RanOutButNotTakenOver_RenewedSinceNobodyElseSentIt()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("late-renewal", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);
        var until = claim.LeaseUntil.AddMinutes(1);

        Assert.Equal([claim.Execution.Id], (await Queue.RenewLeasesAsync([new HeldLease(claim.Execution.Id, claim.Epoch)], until, Ct)).Renewed);

        Assert.Empty(await ClaimAsync(claim.LeaseUntil));
        Assert.True(await Queue.RecordAttemptAsync(Result(claim, claim.LeaseUntil, true, null), Ct));
    }

    [Fact]
    public async Task RenewLeases_TakenOverFinishedOrUnknown_NotRenewedAndLeftAsTheyAre()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("lost", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var lost = await ClaimSingleAsync(StoreTime.T0);
        var takeover = await ClaimSingleAsync(lost.LeaseUntil);
        var finishedJob = await CreateJobAsync(TestJobs.Minimal("finished", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(finishedJob.Name, StoreTime.T0, Ct);
        var finished = await ClaimSingleAsync(StoreTime.T0);
        Assert.True(await Queue.RecordAttemptAsync(Result(finished, StoreTime.T0, true, null), Ct));

        var renewal = await Queue.RenewLeasesAsync(
            [new HeldLease(lost.Execution.Id, lost.Epoch), new HeldLease(finished.Execution.Id, finished.Epoch), new HeldLease("no-such-execution", 1)],
            takeover.LeaseUntil.AddHours(1), Ct);

        Assert.Empty(renewal.Renewed);
        Assert.Equal(new[] { finished.Execution.Id, lost.Execution.Id, "no-such-execution" }.Order(StringComparer.Ordinal), renewal.Lost.Order(StringComparer.Ordinal));
        Assert.Equal(takeover.Execution.Id, (await ClaimSingleAsync(takeover.LeaseUntil)).Execution.Id);
        Assert.Equal(ExecutionState.Succeeded, (await GetExecutionAsync(finishedJob.Name, finished.Execution.Id)).State);
    }

    [Fact]
    public async Task RenewLeases_ArmedAheadWithALaterLease_NeverShortened()
    {
        var (_, armed) = await CreateArmedAsync("armed-renewal");

        Assert.Equal([armed.Execution.Id], (await Queue.RenewLeasesAsync([new HeldLease(armed.Execution.Id, armed.Epoch)], StoreTime.T0, Ct)).Renewed);

        Assert.Empty(await ClaimAsync(armed.LeaseUntil.AddTicks(-1)));
        Assert.Equal(armed.LeaseUntil, (await Queue.GetNextDueAsync(Ct)).Other);
    }

    [Fact]
    public async Task RenewLeases_Nothing_RenewsNothing()
    {
        var renewal = await Queue.RenewLeasesAsync([], StoreTime.T0, Ct);

        Assert.Empty(renewal.Renewed);
        Assert.Empty(renewal.Lost);
    }
}
