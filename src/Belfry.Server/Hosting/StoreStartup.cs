using Belfry.Core.Storage;

namespace Belfry.Server.Hosting;

/// <summary>Opens the store before anything else starts, so a second server on the same data directory fails at once.</summary>
internal sealed class StoreStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IJobStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
