using Microsoft.Extensions.Options;

namespace Belfry.Server.Alerts;

/// <summary>The thin loop around <see cref="AlertWatcher.RunOnceAsync"/>: a pass during start-up, then one per interval.</summary>
internal sealed class AlertWatcherService(AlertWatcher watcher, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertWatcherService> logger)
    : BackgroundService
{
    private readonly AlertOptions _options = options.Value;

    /// <summary>
    /// The first pass runs before the host reports started: runs the server slept through are found from the
    /// schedule at start-up, and a started server has already looked.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            await RunPassAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await RunPassAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await watcher.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PassFailed(logger, e);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
