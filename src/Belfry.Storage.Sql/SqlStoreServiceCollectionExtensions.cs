using Belfry.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Belfry.Storage.Sql;

/// <summary>What every engine's registration shares: each store contract from its <see cref="SqlStores"/>, and its start-up first.</summary>
internal static class SqlStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers each contract of <c>Core/Storage</c> once, from the <typeparamref name="TStores"/> singleton the caller
    /// registers, and <typeparamref name="TStartup"/> as <see cref="IStoreStartup"/> and as the FIRST hosted service:
    /// hosted services start in registration order, so nothing starts (no dispatcher, no key ring, no listener) on a
    /// database that is not open, and a store that cannot open stops the host before anything else.
    /// </summary>
    public static IServiceCollection AddStoreContracts<TStores, TStartup>(this IServiceCollection services)
        where TStores : SqlStores
        where TStartup : class, IHostedService, IStoreStartup
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Jobs);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Queue);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Executions);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Pipelines);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Channels);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().AlertPolicies);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().MissedRuns);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Outbox);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Keys);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Nodes);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Locations);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().ChangeSets);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Changes);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Faults);
        services.AddSingleton(sp => sp.GetRequiredService<TStores>().Probe);
        services.AddSingleton<TStartup>();
        services.AddSingleton<IStoreStartup>(sp => sp.GetRequiredService<TStartup>());
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<TStartup>()));
        return services;
    }
}
