using System.Net;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 5, leases: a long handler keeps its run by renewing every third of the lease; a crashed run (claimed,
/// never finished) is run again once its lease has passed; a run taken over is cancelled and cannot record.
/// </summary>
public sealed class LeaseTests : EndpointTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;
    private bool _cancelled;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongHandler_RenewsItsLeaseWhileTimeAdvances()
    {
        var host = await StartHostAsync(app => MapSync(app, HoldAsync));
        var token = host.Token(Issuer, SyncClaims());
        var running = host.PostAsync("/sync", token);
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Three minutes: three times the lease. Each renewal pushes lease_until to now + lease. The keeper's first timer
        // is its deadline; each renewal's delay is one more.
        for (var renewal = 1; renewal <= 9; renewal++)
        {
            Assert.True(await host.Timers.WaitForTimersAsync(renewal + 1), $"renewal {renewal} was never scheduled");
            host.Time.Advance(Lease / 3);
            var expected = host.Time.GetUtcNow() + Lease;
            Assert.True(await Eventually.TrueAsync(async () => (await RowAsync(host)).LeaseUntil == expected), $"renewal {renewal} did not happen");
        }

        var duplicate = await host.PostAsync("/sync", token);
        Assert.Equal((HttpStatusCode.Conflict, "running"), (duplicate.StatusCode, duplicate.Status));
        _release.SetResult();
        var reply = await running;
        Assert.Equal((HttpStatusCode.OK, "succeeded"), (reply.StatusCode, reply.Status));
        Assert.Equal(1, _calls);
        Assert.Equal((LedgerStatus.Succeeded, 1L), ((await RowAsync(host)).Status, (await RowAsync(host)).Epoch));
    }

    [Fact]
    public async Task CrashedRun_IsRunAgainOnlyAfterItsLeaseExpires()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(BatchResult.Rows(5));
        }));
        await ClaimAsAnotherProcessAsync(host);
        var token = host.Token(Issuer, SyncClaims());

        var whileLeased = await host.PostAsync("/sync", token);
        host.Time.Advance(Lease);
        var afterExpiry = await host.PostAsync("/sync", token);

        Assert.Equal((HttpStatusCode.Conflict, "running"), (whileLeased.StatusCode, whileLeased.Status));
        Assert.Equal((HttpStatusCode.OK, "succeeded", 5L), (afterExpiry.StatusCode, afterExpiry.Status, afterExpiry.Rows));
        Assert.Equal(1, _calls);
        var row = await RowAsync(host);
        Assert.Equal((LedgerStatus.Succeeded, 2L), (row.Status, row.Epoch));
    }

    [Fact]
    public async Task TakenOverRun_IsCancelledAndCannotRecordItsResult()
    {
        var host = await StartHostAsync(app => MapSync(app, HoldAsync));
        var running = host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Another instance decided our lease had lapsed (say its clock ran ahead) and took the run at epoch 2.
        await ExpireLeaseBehindTheSdksBackAsync(host);
        await ClaimAsAnotherProcessAsync(host);
        Assert.True(await host.Timers.WaitForTimersAsync(2));
        host.Time.Advance(Lease / 3);
        var reply = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(_cancelled);
        Assert.Equal((HttpStatusCode.Conflict, "running"), (reply.StatusCode, reply.Status));
        Assert.Contains("lease was lost", reply.Reason, StringComparison.Ordinal);
        var row = await RowAsync(host);
        Assert.Equal((LedgerStatus.Running, 2L), (row.Status, row.Epoch));
        Assert.Null(row.ErrorMessage);
    }

    private static async Task<LedgerEntry> RowAsync(BatchHost host) =>
        await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct) ?? throw new InvalidOperationException("No row.");

    private static async Task ClaimAsAnotherProcessAsync(BatchHost host)
    {
        var now = host.Time.GetUtcNow();
        var claim = await host.Ledger.TryClaimAsync(new ClaimRequest(TestRuns.New(SyncJob), now, now + Lease), Ct);
        Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
    }

    private static async Task ExpireLeaseBehindTheSdksBackAsync(BatchHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={host.LedgerPath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE job_executions SET lease_until = '2000-01-01T00:00:00.000000Z'";
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    private async Task<BatchResult> HoldAsync(BatchContext run, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _entered.TrySetResult();
        try
        {
            await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled = true;
            throw;
        }

        return BatchResult.Rows(1);
    }
}
