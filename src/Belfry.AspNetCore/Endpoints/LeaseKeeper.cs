using Belfry.AspNetCore.Ledger;
using Microsoft.Extensions.Logging;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// Keeps a claimed run's lease alive while its handler runs: every third of the lease it pushes <c>lease_until</c> to
/// now + lease. It gives the run up, cancelling <c>leaseLost</c> (which the handler's token is linked to), in two cases:
/// a renewal finds the claim no longer current (<see cref="LeaseState.TakenOver"/>), or no renewal has succeeded by a
/// sixth of the lease before the last known lease ends (<see cref="LeaseState.Expired"/>): failed renewals are retried
/// at the next interval, but once the lease is gone a retry may claim the run and run beside this handler (issue 14, M4).
/// </summary>
/// <remarks>
/// The deadline is a timer on <see cref="TimeProvider"/>, measured from <see cref="TimeProvider.GetTimestamp"/> taken
/// before each write that set the lease (the claim, then each renewal), so a slow write only makes it earlier, and a
/// jump of the wall clock neither fires it nor delays it. It fires even while a renewal hangs, and abandons that renewal.
/// </remarks>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IExecutionLedger _ledger;
    private readonly RunLease _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _leaseLost;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly ITimer _deadline;
    private readonly Lock _gate = new();
    private LeaseState _state = LeaseState.Held;
    private bool _disposed;
    private Task _cancelled = Task.CompletedTask;
    private Task _loop = Task.CompletedTask;

    private LeaseKeeper(
        IExecutionLedger ledger, RunLease lease, TimeSpan duration, long leaseSetAt, TimeProvider timeProvider, CancellationTokenSource leaseLost, ILogger logger)
    {
        _ledger = ledger;
        _lease = lease;
        _duration = duration;
        _timeProvider = timeProvider;
        _leaseLost = leaseLost;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(leaseLost.Token);
        _deadline = timeProvider.CreateTimer(_ => Give(LeaseState.Expired), null, Remaining(leaseSetAt), Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long before the lease ends the handler is told to stop: time to stop before a retry may claim the run.</summary>
    public static TimeSpan Margin(TimeSpan duration) => duration / 6;

    /// <summary>The lease as last seen; final once the keeper is disposed.</summary>
    public LeaseState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Starts renewing a lease written at <paramref name="leaseSetAt"/> (a <see cref="TimeProvider.GetTimestamp"/> taken
    /// before the claim); the deadline and the first delay are armed before this returns (it matters under a fake clock).
    /// </summary>
    public static LeaseKeeper Start(
        IExecutionLedger ledger, RunLease lease, TimeSpan duration, long leaseSetAt, TimeProvider timeProvider, CancellationTokenSource leaseLost, ILogger logger)
    {
        var keeper = new LeaseKeeper(ledger, lease, duration, leaseSetAt, timeProvider, leaseLost, logger);
        keeper._loop = keeper.RunAsync();
        return keeper;
    }

    /// <summary>Stops renewing and waits for a renewal in flight, so the final write comes after it and the state is final.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        await _deadline.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _cancelled.ConfigureAwait(false);
        _stop.Dispose();
    }

    private TimeSpan Remaining(long leaseSetAt)
    {
        var remaining = _duration - Margin(_duration) - _timeProvider.GetElapsedTime(leaseSetAt);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private async Task RunAsync()
    {
        var interval = _duration / 3;
        while (true)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, _stop.Token).ConfigureAwait(false);
                var sentAt = _timeProvider.GetTimestamp();
                if (!await _ledger.RenewAsync(_lease, _timeProvider.GetUtcNow() + _duration, _stop.Token).ConfigureAwait(false))
                {
                    Give(LeaseState.TakenOver);
                    return;
                }

                Renewed(sentAt);
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

    /// <summary>Moves the deadline after a successful renewal, unless the lease was given up meanwhile (it stays given up).</summary>
    private void Renewed(long sentAt)
    {
        lock (_gate)
        {
            if (!_disposed && _state == LeaseState.Held)
            {
                _deadline.Change(Remaining(sentAt), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Give(LeaseState state)
    {
        lock (_gate)
        {
            if (_disposed || _state != LeaseState.Held)
            {
                return;
            }

            _state = state;
            // Asynchronously: the handler's cancellation callbacks must not run on the timer's thread or under the gate.
            _cancelled = _leaseLost.CancelAsync();
        }

        if (state == LeaseState.Expired)
        {
            Log.LeaseExpired(_logger, _lease.JobName, _lease.RunKey, _lease.Epoch);
        }
    }
}
