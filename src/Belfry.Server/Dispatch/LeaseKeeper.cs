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
/// under it is fenced out when recorded. A claim that will not be sent after all is given back to the store
/// (<see cref="GiveBack"/>), so it uses up no retry.
/// </summary>
/// <remarks>
/// Renewal runs at the start of each dispatcher cycle, before its claims, and the cycle wakes for it
/// (<see cref="RenewAt"/>): so a node never takes over a lease it still holds, whatever its clock did meanwhile.
/// Each lease is timed twice (issue 14, L12): on the monotonic clock, which says how long this node may still count
/// on it (<see cref="Holds"/>) and when to renew it, and at the wall-clock instant the store compared; a wall clock
/// that jumps ahead makes that instant due at once, so the lease is renewed rather than seen to run out.
/// Logs under the <see cref="Dispatcher"/> category.
/// </remarks>
internal sealed class LeaseKeeper(IDispatchQueue store, TimeProvider time, IOptions<DispatchOptions> options, ILogger<Dispatcher> logger)
{
    private readonly TimeSpan _duration = options.Value.LeaseDuration;

    // A lease is renewed once this much or less of it is left: a third of the way through.
    private readonly TimeSpan _renewWhenLeft = options.Value.LeaseDuration * 2 / 3;

    // How soon a renewal that failed, or found a row busy, is tried again: not at once, which would spin the cycle.
    private readonly TimeSpan _retryAfter = options.Value.LeaseDuration / 30;
    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HeldLease> _unsent = new();
    private readonly Lock _renewAtLock = new();

    // When the next renewal is due, by either clock: the monotonic timestamp, and the wall-clock instant.
    private long _renewAtTimestamp = long.MaxValue;
    private DateTimeOffset _renewAtWall = DateTimeOffset.MaxValue;

    // The last renewal failed: until one succeeds, held leases may have run out in the store.
    private volatile bool _renewalFailed;

    /// <summary>How many leases this node holds.</summary>
    public int Count => _held.Count;

    /// <summary>When the next renewal is due, on the clock's wall time; null while nothing is held.</summary>
    public DateTimeOffset? RenewAt
    {
        get
        {
            lock (_renewAtLock)
            {
                if (_held.IsEmpty || _renewAtTimestamp == long.MaxValue)
                {
                    return null;
                }

                var now = time.GetUtcNow();
                var byTimestamp = now + Until(_renewAtTimestamp);
                return byTimestamp < _renewAtWall ? byTimestamp : _renewAtWall;
            }
        }
    }

    /// <summary>Holds <paramref name="claim"/>'s lease until <see cref="Release"/>; a lease already held at its epoch is kept as it is.</summary>
    public void Hold(ClaimedAttempt claim)
    {
        ArgumentNullException.ThrowIfNull(claim);

        // The wall clock is read once, here, to turn the store's instant into a monotonic deadline.
        var deadline = time.GetTimestamp() + ToTimestampTicks(claim.LeaseUntil - time.GetUtcNow());

        // Static delegates: this runs for every delivery, and a capturing lambda would allocate each time.
        _held.AddOrUpdate(
            claim.Execution.Id, static (_, held) => held, static (_, old, held) => old.Epoch == held.Epoch ? old : held, new Held(claim.Epoch, claim.LeaseUntil, deadline));
        lock (_renewAtLock)
        {
            LowerRenewAt(claim.LeaseUntil, deadline);
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

    /// <summary>
    /// <paramref name="claim"/> will not be sent by this node (its lease ran out while it waited, or the node is
    /// stopping): stops renewing it and queues it to be given back (<see cref="GiveBackUnsentAsync"/>).
    /// </summary>
    public void GiveBack(ClaimedAttempt claim)
    {
        Release(claim);
        _unsent.Enqueue(new HeldLease(claim.Execution.Id, claim.Epoch));
    }

    /// <summary>
    /// Whether this node may still send <paramref name="claim"/>: it holds the lease at the claim's epoch, and by the
    /// monotonic clock the lease has not run out since it was taken or last renewed.
    /// </summary>
    public bool Holds(ClaimedAttempt claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _held.TryGetValue(claim.Execution.Id, out var held) && held.Epoch == claim.Epoch && held.Deadline > time.GetTimestamp();
    }

    /// <summary>
    /// Gives back to the store, in one transaction, the claims queued by <see cref="GiveBack"/>: each still held at its
    /// epoch becomes due again with its attempt count as before (<see cref="IDispatchQueue.GiveBackClaimsAsync"/>). A
    /// store failure is logged and they are tried again next time; one whose lease runs out meanwhile may be taken
    /// over, as the next attempt.
    /// </summary>
    public async Task GiveBackUnsentAsync(CancellationToken cancellationToken)
    {
        var unsent = new List<HeldLease>();
        while (_unsent.TryDequeue(out var lease))
        {
            unsent.Add(lease);
        }

        if (unsent.Count == 0)
        {
            return;
        }

        try
        {
            var given = await store.GiveBackClaimsAsync(unsent, cancellationToken).ConfigureAwait(false);
            foreach (var lease in unsent.Where(l => given.Contains(l.ExecutionId)))
            {
                Log.ClaimGivenBack(logger, lease.ExecutionId, lease.Epoch);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.GiveBackFailed(logger, unsent.Count, e);
            unsent.ForEach(_unsent.Enqueue);
        }
    }

    /// <summary>
    /// Renews to <paramref name="now"/> + the lease duration the held leases that are a third or more through, by the
    /// monotonic clock or by the wall clock (a claim sent and recorded within that time is never renewed), in one store
    /// transaction; forgets the ones the store says are no longer held, and retries at the next cycle the ones it found
    /// busy. A store failure is logged and retried at the next cycle; false then (and only then).
    /// </summary>
    public async Task<bool> RenewDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        lock (_renewAtLock)
        {
            if (_held.IsEmpty || (_renewAtTimestamp > started && _renewAtWall > now))
            {
                return _held.IsEmpty || !_renewalFailed;
            }
        }

        var renewWhenLeft = ToTimestampTicks(_renewWhenLeft);
        var due = _held.Where(h => h.Value.Deadline - started <= renewWhenLeft || h.Value.Until <= now + _renewWhenLeft).ToArray();
        if (due.Length > 0)
        {
            var until = now + _duration;
            var deadline = started + ToTimestampTicks(_duration);
            LeaseRenewal renewal;
            try
            {
                renewal = await store.RenewLeasesAsync([.. due.Select(h => new HeldLease(h.Key, h.Value.Epoch))], until, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LeaseRenewalFailed(logger, due.Length, e);
                _renewalFailed = true;
                lock (_renewAtLock)
                {
                    (_renewAtTimestamp, _renewAtWall) = (time.GetTimestamp() + ToTimestampTicks(_retryAfter), DateTimeOffset.MaxValue);
                }

                return false;
            }

            _renewalFailed = false;
            foreach (var (id, held) in due)
            {
                if (renewal.Renewed.Contains(id))
                {
                    // Only if still held as it was: a release meanwhile wins. Never shortened, as in the store.
                    _held.TryUpdate(id, new Held(held.Epoch, until > held.Until ? until : held.Until, Math.Max(deadline, held.Deadline)), held);
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
            (_renewAtTimestamp, _renewAtWall) = (long.MaxValue, DateTimeOffset.MaxValue);
            foreach (var (_, held) in _held)
            {
                LowerRenewAt(held.Until, held.Deadline);
            }

            var retry = time.GetTimestamp() + ToTimestampTicks(_retryAfter);
            _renewAtTimestamp = Math.Max(_renewAtTimestamp, retry);
            _renewAtWall = _renewAtWall < now + _retryAfter ? now + _retryAfter : _renewAtWall;
        }

        return true;
    }

    /// <summary>Makes the next renewal no later than that of a lease ending at <paramref name="until"/> and <paramref name="deadline"/>. Under the lock.</summary>
    private void LowerRenewAt(DateTimeOffset until, long deadline)
    {
        _renewAtTimestamp = Math.Min(_renewAtTimestamp, deadline - ToTimestampTicks(_renewWhenLeft));
        var wall = until - _renewWhenLeft;
        _renewAtWall = wall < _renewAtWall ? wall : _renewAtWall;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private TimeSpan Until(long timestamp)
    {
        var now = time.GetTimestamp();
        return timestamp <= now ? TimeSpan.Zero : TimeSpan.FromSeconds((double)(timestamp - now) / time.TimestampFrequency);
    }

    // Until: the lease's end as the store knows it (wall clock); Deadline: the monotonic timestamp after which this
    // node no longer counts on it.
    private readonly record struct Held(long Epoch, DateTimeOffset Until, long Deadline);
}
