using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.RunKeys;
using Belfry.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.AspNetCore.Tests.Ledger;

/// <summary>
/// The ledger contract, run against every dialect (SQLite file, PostgreSQL). Tests use unique job names, so a derived
/// class may share one database across its tests. The clock is fake and starts at the occurrence's UTC instant.
/// </summary>
public abstract partial class ExecutionLedgerContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private SqlExecutionLedger? _ledger;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2027, 1, 1, 21, 0, 0, TimeSpan.Zero));

    internal SqlExecutionLedger Ledger => _ledger!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _ledger = await OpenLedgerAsync();

    public async ValueTask DisposeAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await CleanupAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a ledger on this class's database; a second call opens another instance on the same one.</summary>
    internal abstract Task<SqlExecutionLedger> OpenLedgerAsync();

    protected virtual ValueTask CleanupAsync() => ValueTask.CompletedTask;

    internal Task<ClaimResult> ClaimAsync(RunIdentity run)
    {
        var now = Time.GetUtcNow();
        return Ledger.TryClaimAsync(new ClaimRequest(run, now, now + Lease), Ct);
    }

    internal async Task<RunLease> ClaimedAsync(RunIdentity run)
    {
        var claim = await ClaimAsync(run);
        Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
        return claim.Lease!;
    }

    internal async Task<LedgerEntry> RowAsync(RunIdentity run) =>
        await Ledger.GetAsync(run.JobName, run.RunKey, Ct) ?? throw new InvalidOperationException("No ledger row.");

    [Fact]
    public async Task TryClaim_NewRun_ClaimsAtEpochOneAndRecordsTheRun()
    {
        var run = TestRuns.New(attempt: 2, epoch: 7, executionId: "exec-42");

        var lease = await ClaimedAsync(run);

        Assert.Equal(1, lease.Epoch);
        var row = await RowAsync(run);
        Assert.Equal(LedgerStatus.Running, row.Status);
        Assert.Equal(run.JobId, row.JobId);
        Assert.Equal(new DateOnly(2027, 1, 2), row.RunDate);
        Assert.Equal("2027-01-02", row.RunKey);
        Assert.Equal(Time.GetUtcNow(), row.StartedAt);
        Assert.Equal(Time.GetUtcNow() + Lease, row.LeaseUntil);
        Assert.Equal(1, row.Epoch);
        Assert.Equal(lease.ClaimToken, row.ClaimToken);
        Assert.Equal(2, row.Attempt);
        Assert.Equal(7, row.SchedulerEpoch);
        Assert.Equal("exec-42", row.ExecutionId);
        Assert.Equal("scheduled", row.Trigger);
        Assert.Null(row.FinishedAt);
        Assert.Null(row.RowCount);
        Assert.Null(row.ErrorMessage);
    }

    [Fact]
    public async Task TryClaim_FiftyConcurrentClaimers_ExactlyOneClaims()
    {
        var run = TestRuns.New();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await ClaimAsync(run);
            }))
            .ToList();
        start.SetResult();

        var results = await Task.WhenAll(claims);

        Assert.Single(results, result => result.Outcome == ClaimOutcome.Claimed);
        Assert.Equal(49, results.Count(result => result.Outcome == ClaimOutcome.Running));
        Assert.Equal(1, (await RowAsync(run)).Epoch);
    }

    [Fact]
    public async Task TryClaim_AfterSuccess_ReportsAlreadySucceeded()
    {
        var run = TestRuns.New();
        var lease = await ClaimedAsync(run);
        Assert.True(await Ledger.CompleteAsync(lease, Time.GetUtcNow(), 10, Ct));
        Time.Advance(TimeSpan.FromHours(5));

        var again = await ClaimAsync(run);

        Assert.Equal(ClaimOutcome.AlreadySucceeded, again.Outcome);
        Assert.Equal(LedgerStatus.Succeeded, again.Entry!.Status);
        Assert.Equal(1, (await RowAsync(run)).Epoch);
    }

    [Fact]
    public async Task TryClaim_UnderLiveLease_ReportsRunningUntilTheLastTick()
    {
        var run = TestRuns.New();
        await ClaimedAsync(run);
        Time.Advance(Lease - TimeSpan.FromMilliseconds(1));

        var again = await ClaimAsync(run);

        Assert.Equal(ClaimOutcome.Running, again.Outcome);
        Assert.Equal(1, again.Entry!.Epoch);
    }

    [Fact]
    public async Task TryClaim_AfterFailure_ClaimsAgainWithHigherEpochAndClearsTheError()
    {
        var run = TestRuns.New();
        var first = await ClaimedAsync(run);
        Assert.True(await Ledger.FailAsync(first, Time.GetUtcNow(), "upstream 503", Ct));

        var second = await ClaimedAsync(run with { Attempt = 2 });

        Assert.Equal(2, second.Epoch);
        var row = await RowAsync(run);
        Assert.Equal(LedgerStatus.Running, row.Status);
        Assert.Null(row.ErrorMessage);
        Assert.Null(row.FinishedAt);
        Assert.Equal(2, row.Attempt);
    }

    [Fact]
    public async Task TryClaim_AfterLeaseExpired_TakesOverWithHigherEpoch()
    {
        // A crashed run: claimed, never completed, never renewed.
        var run = TestRuns.New();
        await ClaimedAsync(run);
        Time.Advance(Lease);

        var takeover = await ClaimedAsync(run);

        Assert.Equal(2, takeover.Epoch);
        var row = await RowAsync(run);
        Assert.Equal(Time.GetUtcNow(), row.StartedAt);
        Assert.Equal(Time.GetUtcNow() + Lease, row.LeaseUntil);
    }
}
