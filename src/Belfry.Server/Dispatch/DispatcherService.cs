using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>The thin loop around <see cref="Dispatcher.RunOnceAsync"/>: sleep until the next due instant or a wake-up.</summary>
internal sealed class DispatcherService(Dispatcher dispatcher, DispatchSignal signal, TimeProvider time, IOptions<DispatchOptions> options, ILogger<DispatcherService> logger)
    : BackgroundService
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);
    private readonly DispatchOptions _options = options.Value;

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
                var next = await dispatcher.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                wait = next is { } due ? due - time.GetUtcNow() : _options.MaxIdle;
                if (wait <= TimeSpan.Zero && dispatcher.AtCapacity)
                {
                    // Work is due but every slot is busy: a finishing delivery wakes us.
                    wait = _options.MaxIdle;
                }
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

            if (wait > TimeSpan.Zero)
            {
                await SleepAsync(wait > _options.MaxIdle ? _options.MaxIdle : wait, stoppingToken).ConfigureAwait(false);
            }
        }

        await dispatcher.WhenIdleAsync().ConfigureAwait(false);
    }

    private async Task SleepAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = signal.WaitAsync(cts.Token);
        var slept = Task.Delay(wait, time, cts.Token);
        await Task.WhenAny(woken, slept).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(woken, slept).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .ConfigureAwait(false);
    }
}
