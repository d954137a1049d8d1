using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Ledger;

/// <summary>Writes after a claim: fenced by epoch and claim token, recording what the run did.</summary>
public abstract partial class ExecutionLedgerContractTests
{
    [Fact]
    public async Task StaleEpoch_CannotCompleteFailOrRenew()
    {
        var run = TestRuns.New();
        var stale = await ClaimedAsync(run);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await ClaimedAsync(run);

        Assert.False(await Ledger.CompleteAsync(stale, Time.GetUtcNow(), 99, Ct));
        Assert.False(await Ledger.FailAsync(stale, Time.GetUtcNow(), "stale", Ct));
        Assert.False(await Ledger.RenewAsync(stale, Time.GetUtcNow() + TimeSpan.FromHours(1), Ct));

        var row = await RowAsync(run);
        Assert.Equal(LedgerStatus.Running, row.Status);
        Assert.Equal(2, row.Epoch);
        Assert.Null(row.RowCount);
        Assert.Null(row.ErrorMessage);
        Assert.Equal(Time.GetUtcNow() + Lease, row.LeaseUntil);
        Assert.True(await Ledger.CompleteAsync(current, Time.GetUtcNow(), 5, Ct));
    }

    [Fact]
    public async Task SameEpochWrongClaimToken_IsRefused()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);

        Assert.False(await Ledger.CompleteAsync(lease with { ClaimToken = "forged" }, Time.GetUtcNow(), 1, Ct));
        Assert.Equal(LedgerStatus.Running, (await RowAsync(run)).Status);
    }

    [Fact]
    public async Task Complete_RecordsRowCountAndFinishedAtAndDropsTheLease()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);
        var started = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(42));

        Assert.True(await Ledger.CompleteAsync(lease, Time.GetUtcNow(), 1234, Ct));

        var row = await RowAsync(run);
        Assert.Equal(LedgerStatus.Succeeded, row.Status);
        Assert.Equal(1234, row.RowCount);
        Assert.Equal(started, row.StartedAt);
        Assert.Equal(Time.GetUtcNow(), row.FinishedAt);
        Assert.Null(row.LeaseUntil);
        Assert.Null(row.ErrorMessage);
        Assert.False(await Ledger.CompleteAsync(lease, Time.GetUtcNow(), 1, Ct));
    }

    [Fact]
    public async Task Fail_RecordsTheMessageTruncatedToTheLimit()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);
        var message = new string('x', 5000);

        Assert.True(await Ledger.FailAsync(lease, Time.GetUtcNow(), message, Ct));

        var row = await RowAsync(run);
        Assert.Equal(LedgerStatus.Failed, row.Status);
        Assert.Equal(SqlExecutionLedger.MaxErrorLength, row.ErrorMessage!.Length);
        Assert.EndsWith("…", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(Time.GetUtcNow(), row.FinishedAt);
        Assert.Null(row.LeaseUntil);
    }

    [Fact]
    public async Task Renew_CurrentLease_ExtendsItAndKeepsTheRunOwned()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);

        for (var i = 0; i < 6; i++)
        {
            Time.Advance(Lease / 3);
            Assert.True(await Ledger.RenewAsync(lease, Time.GetUtcNow() + Lease, Ct));
        }

        Assert.Equal(Time.GetUtcNow() + Lease, (await RowAsync(run)).LeaseUntil);
        Assert.Equal(ClaimOutcome.Running, (await ClaimAsync(run)).Outcome);
    }

    [Fact]
    public async Task Renew_AfterCompletion_IsRefused()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);
        Assert.True(await Ledger.CompleteAsync(lease, Time.GetUtcNow(), 0, Ct));

        Assert.False(await Ledger.RenewAsync(lease, Time.GetUtcNow() + Lease, Ct));
        Assert.Null((await RowAsync(run)).LeaseUntil);
    }

    [Fact]
    public async Task TryClaim_ManualRun_StoresTheTriggerAndSchedulerFields()
    {
        var run = TestRuns.New(trigger: BatchTrigger.Manual, attempt: null, epoch: null, executionId: null);

        await ClaimedAsync(run);

        var row = await RowAsync(run);
        Assert.Equal("manual", row.Trigger);
        Assert.Null(row.Attempt);
        Assert.Null(row.SchedulerEpoch);
        Assert.Null(row.ExecutionId);
    }

    [Fact]
    public async Task Instants_RoundTripAsUtcToTheMicrosecond()
    {
        // Given with a +09:00 offset and sub-microsecond ticks; read back as the same instant at offset zero.
        Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 21, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));
        var run = TestRuns.New();
        var tokyo = Time.GetUtcNow().ToOffset(TimeSpan.FromHours(9));

        await Ledger.TryClaimAsync(new ClaimRequest(run, tokyo, tokyo + Lease), Ct);

        var row = await RowAsync(run);
        var expected = new DateTimeOffset(2027, 1, 1, 21, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        Assert.Equal(expected.UtcTicks, row.StartedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, row.StartedAt.Offset);
        Assert.Equal((expected + Lease).UtcTicks, row.LeaseUntil!.Value.UtcTicks);
    }

    [Fact]
    public async Task Get_UnknownRun_ReturnsNull() =>
        Assert.Null(await Ledger.GetAsync("never-" + Guid.NewGuid().ToString("N"), "2027-01-02", Ct));

    [Fact]
    public async Task Values_AreParametersNotSql()
    {
        // The seed article formats values into SQL; a quote in a job name would break it (or worse).
        var run = TestRuns.New(jobName: "o'brien'); DROP TABLE job_executions; --" + Guid.NewGuid().ToString("N"));
        var lease = await ClaimedAsync(run);
        Assert.True(await Ledger.FailAsync(lease, Time.GetUtcNow(), "it's '; DELETE FROM job_executions; --", Ct));

        var row = await RowAsync(run);
        Assert.Equal(run.JobName, row.JobName);
        Assert.Equal("it's '; DELETE FROM job_executions; --", row.ErrorMessage);
    }

    [Fact]
    public async Task Schema_AppliedAgainByAnotherInstance_KeepsTheRows()
    {
        var run = TestRuns.New();
        await ClaimedAsync(run);

        await using var second = await OpenLedgerAsync();
        await second.EnsureSchemaAsync(Ct);

        Assert.NotNull(await second.GetAsync(run.JobName, run.RunKey, Ct));
    }
}
