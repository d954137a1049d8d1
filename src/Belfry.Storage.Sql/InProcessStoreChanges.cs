using System.Collections.Immutable;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// A change feed within one process: every change is handed to the subscribers at once, on the writer's thread, right
/// after its commit and before the write returns, so a caller that awaited a write knows the dispatcher has been told.
/// SQLite's whole feed (one process owns the file); PostgreSQL's feed uses it for its own node and adds the other nodes'.
/// </summary>
internal sealed class InProcessStoreChanges : IStoreChanges
{
    // Copied on (rare) subscribe and unsubscribe, so publishing takes no lock and allocates nothing.
    private ImmutableArray<Action<StoreChange>> _subscribers = [];

    public IDisposable Subscribe(Action<StoreChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        ImmutableInterlocked.Update(ref _subscribers, static (list, added) => list.Add(added), onChange);
        return new Subscription(this, onChange);
    }

    /// <summary>Hands <paramref name="change"/> to every subscriber. Called by the store after the commit only.</summary>
    public void Publish(StoreChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber(change);
        }
    }

    private sealed class Subscription(InProcessStoreChanges feed, Action<StoreChange> onChange) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._subscribers, static (list, removed) => list.Remove(removed), onChange);
    }
}
