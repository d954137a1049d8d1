using Belfry.AspNetCore.Ledger;
using Microsoft.Extensions.Logging;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// Keeps a claimed run's lease alive while its handler runs: every third of the lease it pushes <c>lease_until</c> to
/// now + lease. If a renewal finds the claim no longer current (another attempt took the run over after our lease
/// lapsed), it cancels <c>leaseLost</c>, which the handler's token is linked to. A renewal that errors is retried at
/// the next interval: two more chances before the lease can lapse.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IExecutionLedger _ledger;
    private readonly RunLease _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _leaseLost;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private LeaseKeeper(IExecutionLedger ledger, RunLease lease, TimeSpan duration, TimeProvider timeProvider, CancellationTokenSource leaseLost, ILogger logger)
    {
        _ledger = ledger;
        _lease = lease;
        _duration = duration;
        _timeProvider = timeProvider;
        _leaseLost = leaseLost;
        _logger = logger;
    }

    public bool LeaseLost { get; private set; }

    /// <summary>Starts renewing; the first delay is armed before this returns (it matters under a fake clock).</summary>
    public static LeaseKeeper Start(
        IExecutionLedger ledger, RunLease lease, TimeSpan duration, TimeProvider timeProvider, CancellationTokenSource leaseLost, ILogger logger)
    {
        var keeper = new LeaseKeeper(ledger, lease, duration, timeProvider, leaseLost, logger);
        keeper._loop = keeper.RunAsync();
        return keeper;
    }

    /// <summary>Stops renewing and waits for a renewal in flight, so the final write comes after it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var interval = _duration / 3;
        while (true)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, _stop.Token).ConfigureAwait(false);
                if (!await _ledger.RenewAsync(_lease, _timeProvider.GetUtcNow() + _duration, _stop.Token).ConfigureAwait(false))
                {
                    LeaseLost = true;
                    await _leaseLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.RenewalFailed(_logger, _lease.JobName, _lease.RunKey, exception);
            }
        }
    }
}
