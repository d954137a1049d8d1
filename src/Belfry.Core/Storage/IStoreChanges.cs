namespace Belfry.Core.Storage;

/// <summary>
/// The store's change feed: what a committed write changed, so the dispatcher wakes (and drops what it armed from a
/// job's older version) whichever node or caller made the change. Published only after the write commits, never for
/// a rolled-back one. In-process for SQLite; a PostgreSQL store will feed it from LISTEN/NOTIFY, so a subscriber must
/// stay correct when a change arrives late, twice, or merged with others of the same kind (see <see cref="StoreChange"/>):
/// it only wakes and re-reads the store, which decides.
/// </summary>
internal interface IStoreChanges
{
    /// <summary>
    /// Calls <paramref name="onChange"/> for every change published from now on, until the returned handle is disposed.
    /// It may run on the writer's thread, so it must be quick and must not throw.
    /// </summary>
    IDisposable Subscribe(Action<StoreChange> onChange);
}
