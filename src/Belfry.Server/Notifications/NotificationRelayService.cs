using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Notifications;

/// <summary>The thin loop around <see cref="NotificationRelay.RunOnceAsync"/>: sleep until the next row is due, at most the poll interval.</summary>
internal sealed class NotificationRelayService(NotificationRelay relay, TimeProvider time, IOptions<NotificationOptions> options, ILogger<NotificationRelayService> logger)
    : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // New rows are written by other components; polling finds them within the interval.
        await WorkerLoop.RunAsync(
            CycleAsync, (wait, ct) => Task.Delay(wait, time, ct), _options.PollInterval, e => Log.CycleFailed(logger, e), stoppingToken).ConfigureAwait(false);
        await relay.WhenIdleAsync().ConfigureAwait(false);
    }

    private async Task<TimeSpan> CycleAsync(CancellationToken stoppingToken)
    {
        var next = await relay.RunOnceAsync(stoppingToken).ConfigureAwait(false);
        return next is { } due && !relay.AtCapacity ? due - time.GetUtcNow() : _options.PollInterval;
    }
}
