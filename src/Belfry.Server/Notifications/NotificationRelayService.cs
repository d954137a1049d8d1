using Microsoft.Extensions.Options;

namespace Belfry.Server.Notifications;

/// <summary>The thin loop around <see cref="NotificationRelay.RunOnceAsync"/>: sleep until the next row is due, at most the poll interval.</summary>
internal sealed class NotificationRelayService(NotificationRelay relay, TimeProvider time, IOptions<NotificationOptions> options, ILogger<NotificationRelayService> logger)
    : BackgroundService
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);
    private readonly NotificationOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var next = await relay.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                wait = next is { } due && !relay.AtCapacity ? due - time.GetUtcNow() : _options.PollInterval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.CycleFailed(logger, e);
                wait = ErrorPause;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // New rows are written by other components; polling finds them within the interval.
            wait = wait > _options.PollInterval ? _options.PollInterval : wait;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await relay.WhenIdleAsync().ConfigureAwait(false);
    }
}
