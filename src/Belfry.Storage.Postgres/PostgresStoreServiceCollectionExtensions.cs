using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Storage.Postgres;

/// <summary>Registers the cluster store: the database, one store per aggregate, its change feed and its start-up.</summary>
internal static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresDatabase"/> on the connection string <paramref name="connectionString"/> answers
    /// (Npgsql keywords or a postgres:// URL; <see cref="PostgresConnectionString"/>), each store contract of
    /// <c>Core/Storage</c> once, the cross-node change feed as this node <paramref name="nodeId"/>, and the start-up
    /// service that migrates and starts listening before any other hosted service starts. Needs a
    /// <see cref="TimeProvider"/> and logging; with an <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (AddMetrics) it records
    /// each transaction's duration.
    /// </summary>
    public static IServiceCollection AddPostgresStore(
        this IServiceCollection services, Func<IServiceProvider, string> connectionString, Func<IServiceProvider, string> nodeId)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(nodeId);
        services.AddSingleton(sp => PostgresDataSource.Create(connectionString(sp), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new PostgresStoreChanges(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), nodeId(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresStoreChanges>>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PostgresStoreChanges>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new PostgresStores(sp.GetRequiredService<PostgresDatabase>()));
        services.AddStoreContracts<PostgresStores, PostgresStoreStartup>();
        return services;
    }
}
