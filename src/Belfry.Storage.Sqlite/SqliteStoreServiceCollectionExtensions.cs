using Belfry.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Belfry.Storage.Sqlite;

/// <summary>Registers the embedded store: the database, one store per aggregate, its change feed and its start-up.</summary>
internal static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteDatabase"/> in the directory <paramref name="dataDirectory"/> answers, each store
    /// contract of <c>Core/Storage</c> once (<see cref="SqliteStores"/>), the change feed (<see cref="IStoreChanges"/>),
    /// and <see cref="IStoreStartup"/>, whose hosted service opens the database before any other hosted service starts.
    /// Nothing opens the database in a constructor or a factory: it is opened asynchronously by that service (or by a
    /// caller of <see cref="IStoreStartup"/>), and a store used before then throws. Needs a <see cref="TimeProvider"/>; with an
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (AddMetrics) it records each transaction's duration.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.TryAddSingleton<InProcessStoreChanges>();
        services.AddSingleton(sp => new SqliteDatabase(dataDirectory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InProcessStoreChanges>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new SqliteStores(sp.GetRequiredService<SqliteDatabase>()));
        services.AddStoreContracts<SqliteStores, SqliteStoreStartup>();
        return services;
    }
}
