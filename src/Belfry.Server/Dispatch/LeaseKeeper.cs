using System.Collections.Concurrent;
using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>
/// The leases this node holds: every claim from the moment it is armed or started until its result is recorded (or
/// it is dropped). Leases are short (<see cref="DispatchOptions.LeaseDuration"/>); those a third or more through are
/// renewed together, in one store transaction that waits for no row lock; so an attempt may run as long as its
/// deadline allows while a dead node's attempts are taken over within one lease (docs/semantics.md, "Leases"). A lease the store no longer
/// renews was taken over, finished or withdrawn: it is forgotten, an armed claim under it is not sent, and a result
/// under it is fenced out when recorded.
/// </summary>
/// <remarks>
/// Renewal runs at the start of each dispatcher cycle, before its claims, and the cycle wakes for it
/// (<see cref="RenewAt"/>): so a node never takes over a lease it still holds, whatever its clock did meanwhile.
/// Logs under the <see cref="Dispatcher"/> category.
/// </remarks>
internal sealed class LeaseKeeper(IDispatchQueue store, IOptions<DispatchOptions> options, ILogger<Dispatcher> logger)
{
    private readonly TimeSpan _duration = options.Value.LeaseDuration;

    // A lease is renewed once this much or less of it is left: a third of the way through.
    private readonly TimeSpan _renewWhenLeft = options.Value.LeaseDuration * 2 / 3;

    // How soon a renewal that failed, or found a row busy, is tried again: not at once, which would spin the cycle.
    private readonly TimeSpan _retryAfter = options.Value.LeaseDuration / 30;
    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly Lock _renewAtLock = new();
    private DateTimeOffset _renewAt = DateTimeOffset.MaxValue;

    /// <summary>How many leases this node holds.</summary>
    public int Count => _held.Count;

    /// <summary>When the next renewal is due; null while nothing is held.</summary>
    public DateTimeOffset? RenewAt
    {
        get
        {
            lock (_renewAtLock)
            {
                return _held.IsEmpty || _renewAt == DateTimeOffset.MaxValue ? null : _renewAt;
            }
        }
    }

    /// <summary>Holds <paramref name="claim"/>'s lease until <see cref="Release"/>; a lease already held at its epoch is kept as it is.</summary>
    public void Hold(ClaimedAttempt claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        // Static delegates: this runs for every delivery, and a capturing lambda would allocate each time.
        _held.AddOrUpdate(
            claim.Execution.Id, static (_, held) => held, static (_, old, held) => old.Epoch == held.Epoch ? old : held, new Held(claim.Epoch, claim.LeaseUntil));
        var renewAt = claim.LeaseUntil - _renewWhenLeft;
        lock (_renewAtLock)
        {
            if (renewAt < _renewAt)
            {
                _renewAt = renewAt;
            }
        }
    }

    /// <summary>Stops renewing <paramref name="claim"/>'s lease (recorded, dropped or abandoned); a newer epoch held for the same execution stays.</summary>
    public void Release(ClaimedAttempt claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var id = claim.Execution.Id;
        while (_held.TryGetValue(id, out var held) && held.Epoch == claim.Epoch)
        {
            if (_held.TryRemove(KeyValuePair.Create(id, held)))
            {
                return;
            }
        }
    }

    /// <summary>Whether this node still holds <paramref name="claim"/>'s lease at <paramref name="now"/>, so it may send it.</summary>
    public bool Holds(ClaimedAttempt claim, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _held.TryGetValue(claim.Execution.Id, out var held) && held.Epoch == claim.Epoch && held.Until > now;
    }

    /// <summary>
    /// Renews to <paramref name="now"/> + the lease duration the held leases that are a third or more through (a
    /// claim sent and recorded within that time is never renewed), in one store transaction; forgets the ones the store
    /// says are no longer held, and retries at the next cycle the ones it found busy. A store failure is logged and
    /// retried at the next cycle.
    /// </summary>
    public async Task RenewDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (RenewAt is not { } at || at > now)
        {
            return;
        }

        var renewFrom = now + _renewWhenLeft;
        var due = _held.Where(h => h.Value.Until <= renewFrom).ToArray();
        if (due.Length > 0)
        {
            var until = now + _duration;
            LeaseRenewal renewal;
            try
            {
                renewal = await store.RenewLeasesAsync([.. due.Select(h => new HeldLease(h.Key, h.Value.Epoch))], until, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LeaseRenewalFailed(logger, due.Length, e);
                lock (_renewAtLock)
                {
                    _renewAt = now + _retryAfter;
                }

                return;
            }

            foreach (var (id, held) in due)
            {
                if (renewal.Renewed.Contains(id))
                {
                    // Only if still held as it was: a release meanwhile wins.
                    _held.TryUpdate(id, held with { Until = until > held.Until ? until : held.Until }, held);
                }
                else if (renewal.Lost.Contains(id) && _held.TryRemove(KeyValuePair.Create(id, held)))
                {
                    Log.LeaseLost(logger, id, held.Epoch);
                }
            }
        }

        // Under the lock, so a claim held meanwhile either is seen here or lowers the time after. A busy lease left
        // unrenewed would be due at once: it is tried again after a short wait instead.
        lock (_renewAtLock)
        {
            _renewAt = DateTimeOffset.MaxValue;
            foreach (var (_, held) in _held)
            {
                var renewAt = held.Until - _renewWhenLeft;
                _renewAt = renewAt < _renewAt ? renewAt : _renewAt;
            }

            var retry = now + _retryAfter;
            _renewAt = _renewAt < retry ? retry : _renewAt;
        }
    }

    private readonly record struct Held(long Epoch, DateTimeOffset Until);
}
