using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>Base for end-to-end SDK tests: a fake issuer per class instance, and hosts disposed after each test.</summary>
public abstract class EndpointTests : IAsyncLifetime
{
    private readonly List<BatchHost> _hosts = [];

    /// <summary>The ledger key of <see cref="SyncClaims"/>' job: its full name.</summary>
    protected static readonly string SyncJob = FakeIssuer.FullName("sync-daily-data");

    protected FakeIssuer Issuer { get; private set; } = null!;

    /// <summary>The standard Belfry claims for <c>sync-daily-data</c> at 06:00 JST on 2027-01-02.</summary>
    protected static Dictionary<string, object> SyncClaims(string scheduleTime = "2027-01-02T06:00:00+09:00", string job = "sync-daily-data") =>
        FakeIssuer.BelfryClaims(job, scheduleTime);

    public virtual async ValueTask InitializeAsync() => Issuer = await FakeIssuer.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Issuer.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Maps <c>/sync</c> as the job <c>sync-daily-data</c>, the one <see cref="SyncClaims"/> sign for.</summary>
    protected static IEndpointConventionBuilder MapSync(WebApplication app, Func<BatchContext, CancellationToken, Task<BatchResult>> handler) =>
        app.MapBatchJob("/sync", handler).WithBatchJobName("sync-daily-data");

    protected async Task<BatchHost> StartHostAsync(
        Action<WebApplication> map, Action<BelfryBatchOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var host = await BatchHost.StartAsync(Issuer, map, configure, services);
        _hosts.Add(host);
        return host;
    }
}
