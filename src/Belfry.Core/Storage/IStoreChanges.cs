namespace Belfry.Core.Storage;

/// <summary>
/// The store's change feed: what a committed write changed, so the dispatcher wakes (and drops what it armed from a
/// job's older version) and the signing key ring re-reads its keys, whichever node or caller made the change.
/// Published only after the write commits, never for a rolled-back one. In-process for SQLite. On PostgreSQL the writer tells this node's subscribers after its commit,
/// as SQLite does, and other nodes hear of it through LISTEN/NOTIFY: late, perhaps twice, and not at all while a node's
/// listening connection is down, after which that node publishes <see cref="StoreChangeKind.Resync"/> (also when it
/// first listens). So a subscriber must stay correct when a change arrives late, twice or never (see
/// <see cref="StoreChange"/>): it only wakes and re-reads the store, which decides.
/// </summary>
internal interface IStoreChanges
{
    /// <summary>
    /// Calls <paramref name="onChange"/> for every change published from now on, until the returned handle is disposed.
    /// It may run on the writer's thread or the feed's listening loop, so it must be quick and must not throw.
    /// </summary>
    IDisposable Subscribe(Action<StoreChange> onChange);
}
