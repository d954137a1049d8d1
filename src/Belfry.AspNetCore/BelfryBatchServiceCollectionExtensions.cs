using Belfry.AspNetCore.Endpoints;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Options;
using Belfry.AspNetCore.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Belfry.AspNetCore;

/// <summary>Registers the batch SDK.</summary>
public static class BelfryBatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the batch SDK: token verification, the execution ledger and the endpoint machinery used by
    /// <see cref="BelfryBatchEndpointRouteBuilderExtensions.MapBatchJob"/>. The options are validated when the host
    /// starts. The clock is the registered <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> if none).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets <see cref="BelfryBatchOptions.Issuer"/>, <see cref="BelfryBatchOptions.Audience"/> and a ledger.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddBelfryBatch(this IServiceCollection services, Action<BelfryBatchOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BelfryBatchOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BelfryBatchOptions>, BelfryBatchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BatchTokenVerifier.HttpClientName);
        services.TryAddSingleton<BatchTokenVerifier>();
        services.TryAddSingleton<IExecutionLedger>(provider =>
            LedgerFactory.Create(provider.GetRequiredService<IOptions<BelfryBatchOptions>>().Value.Ledger
                ?? throw new InvalidOperationException("No execution ledger configured.")));
        services.TryAddSingleton<BatchEndpointHandler>();
        services.TryAddSingleton<BelfryBatchMarker>();
        return services;
    }
}
