using System.Net;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 14, acceptance 3 (M4): when renewals fail until the lease would end, the handler's token fires before it ends
/// and its late result is not recorded, so a retry after the lease runs the run alone and finishes it; a renewal that
/// fails once and then succeeds keeps the handler running; a step of the wall clock does not end a held lease. A 3 s
/// lease, renewed every second, given up at 2.5 s (a sixth before its end) on the fake clock's steady time.
/// </summary>
public sealed class LeaseLossTests : EndpointTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Renewal = Lease / 3;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _firstToken;
    private int _calls;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingRenewals_CancelTheHandlerBeforeTheLeaseEnds_AndItsLateResultIsNotRecorded()
    {
        var host = await StartAsync();
        var ledger = (FailingRenewalLedger)host.Ledger;
        var token = host.Token(Issuer, SyncClaims());
        var running = host.PostAsync("/sync", token);
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var claimed = host.Time.GetUtcNow();

        await FailedRenewalAsync(host, ledger, 1);
        await FailedRenewalAsync(host, ledger, 2);
        host.Time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(_firstToken.IsCancellationRequested, "cancelled before the safety margin");
        host.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(_firstToken.IsCancellationRequested)), "the token never fired");
        Assert.True(host.Time.GetUtcNow() - claimed < Lease, "the token fired after the lease had ended");

        // The handler ignores its token and returns 7 rows after the lease has ended: too late to be recorded.
        host.Time.Advance(TimeSpan.FromSeconds(1));
        _release.SetResult();
        var late = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unavailable"), (late.StatusCode, late.Status));
        Assert.Contains("result not recorded", late.Reason, StringComparison.Ordinal);
        var stranded = await RowAsync(host);
        Assert.Equal((LedgerStatus.Running, 1L, (long?)null), (stranded.Status, stranded.Epoch, stranded.RowCount));

        // The scheduler's retry, after the lease: claims the run at epoch 2 and finishes it.
        var retry = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        Assert.Equal((HttpStatusCode.OK, "succeeded", 5L), (retry.StatusCode, retry.Status, retry.Rows));
        var row = await RowAsync(host);
        Assert.Equal((LedgerStatus.Succeeded, 2L, 5L), (row.Status, row.Epoch, row.RowCount));
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task RenewalFailingOnceThenSucceeding_KeepsTheHandlerRunningPastTheFirstLease()
    {
        var host = await StartAsync();
        var ledger = (FailingRenewalLedger)host.Ledger;
        var running = host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await FailedRenewalAsync(host, ledger, 1);
        ledger.FailRenewals = false;
        // Four more renewals, to 5 s: past the first lease's deadline (2.5 s) and its end (3 s).
        for (var renewal = 2; renewal <= 5; renewal++)
        {
            await RenewedAsync(host, renewal);
        }

        Assert.False(_firstToken.IsCancellationRequested);
        _release.SetResult();
        var reply = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((HttpStatusCode.OK, "succeeded", 7L), (reply.StatusCode, reply.Status, reply.Rows));
        var row = await RowAsync(host);
        Assert.Equal((LedgerStatus.Succeeded, 1L), (row.Status, row.Epoch));
        Assert.Equal((1, 5), (ledger.Refused, ledger.Renewals));
    }

    [Fact]
    public async Task WallClockStepsForwardAnHour_HeldLeaseIsKeptAndTheResultRecorded()
    {
        var host = await StartAsync();
        ((FailingRenewalLedger)host.Ledger).FailRenewals = false;
        var running = host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        await _entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // NTP steps the wall clock an hour ahead; the lease's deadline runs on the steady clock, so nothing ends early.
        host.Timers.WallClockOffset = TimeSpan.FromHours(1);
        for (var renewal = 1; renewal <= 4; renewal++)
        {
            await RenewedAsync(host, renewal);
        }

        Assert.False(_firstToken.IsCancellationRequested);
        _release.SetResult();
        var reply = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((HttpStatusCode.OK, "succeeded"), (reply.StatusCode, reply.Status));
        Assert.Equal((LedgerStatus.Succeeded, 1L), ((await RowAsync(host)).Status, (await RowAsync(host)).Epoch));
    }

    private Task<BatchHost> StartAsync() =>
        StartHostAsync(app => MapSync(app, HandleAsync), options => options.LeaseDuration = Lease, FailingRenewalLedger.Register);

    /// <summary>Advances to the keeper's next renewal (its timers: the deadline, then one delay per renewal) and sees it refused.</summary>
    private static async Task FailedRenewalAsync(BatchHost host, FailingRenewalLedger ledger, int renewal)
    {
        Assert.True(await host.Timers.WaitForTimersAsync(renewal + 1), $"renewal {renewal} was never scheduled");
        host.Time.Advance(Renewal);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(ledger.Refused == renewal)), $"renewal {renewal} was not attempted");
    }

    /// <summary>
    /// Advances to the keeper's next renewal and waits until it was written and the keeper armed the one after, so the
    /// deadline it moved is in place before the clock moves again.
    /// </summary>
    private static async Task RenewedAsync(BatchHost host, int renewal)
    {
        Assert.True(await host.Timers.WaitForTimersAsync(renewal + 1), $"renewal {renewal} was never scheduled");
        host.Time.Advance(Renewal);
        var expected = host.Timers.GetUtcNow() + Lease;
        Assert.True(await Eventually.TrueAsync(async () => (await RowAsync(host)).LeaseUntil == expected), $"renewal {renewal} was not written");
        Assert.True(await host.Timers.WaitForTimersAsync(renewal + 2), $"renewal {renewal + 1} was never scheduled");
    }

    private static async Task<LedgerEntry> RowAsync(BatchHost host) =>
        await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct) ?? throw new InvalidOperationException("No row.");

    /// <summary>The first call holds until released, ignoring its token, then returns 7 rows; later calls return 5 at once.</summary>
    private async Task<BatchResult> HandleAsync(BatchContext run, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) > 1)
        {
            return BatchResult.Rows(5);
        }

        _firstToken = cancellationToken;
        _entered.TrySetResult();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return BatchResult.Rows(7);
    }
}
