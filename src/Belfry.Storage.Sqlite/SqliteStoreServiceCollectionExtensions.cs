using Belfry.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Belfry.Storage.Sqlite;

/// <summary>Registers the embedded store: the database, one store per aggregate, its change feed and its start-up.</summary>
internal static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteDatabase"/> in the directory <paramref name="dataDirectory"/> answers, each store
    /// contract of <c>Core/Storage</c> once (<see cref="SqliteStores"/>), the change feed (<see cref="IStoreChanges"/>),
    /// and <see cref="IStoreStartup"/>, whose hosted service opens the database before any other hosted service starts.
    /// Nothing opens the database in a constructor or a factory: it is opened asynchronously by that service (or by a
    /// caller of <see cref="IStoreStartup"/>), and a store used before then throws. Needs a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.TryAddSingleton<InProcessStoreChanges>();
        services.AddSingleton<IStoreChanges>(sp => sp.GetRequiredService<InProcessStoreChanges>());
        services.AddSingleton(sp => new SqliteDatabase(dataDirectory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InProcessStoreChanges>()));
        services.AddSingleton(sp => new SqliteStores(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Jobs);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Queue);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Executions);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Pipelines);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Channels);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().AlertPolicies);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().MissedRuns);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Outbox);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStores>().Keys);
        services.AddSingleton<SqliteStoreStartup>();
        services.AddSingleton<IStoreStartup>(sp => sp.GetRequiredService<SqliteStoreStartup>());

        // Hosted services start in registration order: first, so nothing starts (no dispatcher, no key ring, no
        // listener) on a database that is not open, and a locked data directory stops the host before anything else.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<SqliteStoreStartup>()));
        return services;
    }
}
