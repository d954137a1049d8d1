using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Belfry.Storage.Postgres;

/// <summary>
/// The stores (<see cref="SqlStores"/>) over one <see cref="PostgresDatabase"/>, as
/// <see cref="PostgresStoreServiceCollectionExtensions.AddPostgresStore"/> registers them; tests and benchmarks open the
/// same set without a host. Disposing it disposes the database, its change feed and its connection pool.
/// </summary>
internal sealed class PostgresStores(PostgresDatabase database) : SqlStores(database)
{
    public PostgresDatabase Database => database;

    /// <summary>
    /// Connects to <paramref name="connectionString"/> (Npgsql keywords or a postgres:// URL), migrates, starts listening
    /// for the other nodes' changes as <paramref name="nodeId"/>, and returns the stores over it.
    /// </summary>
    public static async Task<PostgresStores> OpenAsync(
        string connectionString, string nodeId, TimeProvider timeProvider, CancellationToken cancellationToken, ILoggerFactory? loggerFactory = null)
    {
        var dataSource = PostgresDataSource.Create(connectionString, loggerFactory);
        var changes = new PostgresStoreChanges(dataSource, nodeId, timeProvider, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresStoreChanges>());
        var database = new PostgresDatabase(dataSource, timeProvider, changes);
        var stores = new PostgresStores(database);
        try
        {
            await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return stores;
        }
        catch
        {
            await stores.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
