namespace Belfry.Storage.Sqlite;

/// <summary>
/// The stores (<see cref="SqlStores"/>) over one <see cref="SqliteDatabase"/>, as
/// <see cref="SqliteStoreServiceCollectionExtensions.AddSqliteStore"/> registers them; tests and benchmarks open the same
/// set without a host. Disposing it disposes the database.
/// </summary>
internal sealed class SqliteStores(SqliteDatabase database) : SqlStores(database)
{
    public SqliteDatabase Database => database;

    /// <summary>Opens the database in <paramref name="dataDirectory"/> with a change feed of its own, and the stores over it.</summary>
    public static Task<SqliteStores> OpenAsync(string dataDirectory, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, timeProvider, new InProcessStoreChanges(), cancellationToken);

    /// <summary>Opens the database (<see cref="SqliteDatabase.OpenAsync(CancellationToken)"/>) and the stores over it.</summary>
    public static async Task<SqliteStores> OpenAsync(
        string dataDirectory, TimeProvider timeProvider, InProcessStoreChanges changes, CancellationToken cancellationToken) =>
        new(await SqliteDatabase.OpenAsync(dataDirectory, timeProvider, changes, cancellationToken).ConfigureAwait(false));
}
