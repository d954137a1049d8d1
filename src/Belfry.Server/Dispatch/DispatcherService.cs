using Belfry.Server.Health;
using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>The thin loop around <see cref="Dispatcher.RunOnceAsync"/>: sleep until the next due instant or a wake-up.</summary>
internal sealed class DispatcherService(
    Dispatcher dispatcher, DispatchSignal signal, DispatcherRunning running, TimeProvider time, IOptions<DispatchOptions> options, ILogger<DispatcherService> logger)
    : BackgroundService
{
    private readonly DispatchOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            running.Off();
            return;
        }

        running.Started();
        try
        {
            await WorkerLoop.RunAsync(CycleAsync, SleepAsync, _options.MaxIdle, e => Log.CycleFailed(logger, e), stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            running.Stopped();
        }

        await dispatcher.WhenIdleAsync().ConfigureAwait(false);

        // The loop's token is cancelled by now; the give-back is one short store write, bounded by the host's stop timeout.
        await dispatcher.GiveBackUnsentAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<TimeSpan> CycleAsync(CancellationToken stoppingToken)
    {
        var next = await dispatcher.RunOnceAsync(stoppingToken).ConfigureAwait(false);
        var wait = next is { } due ? due - time.GetUtcNow() : _options.MaxIdle;

        // Work is due but every slot is busy: a finishing delivery wakes us.
        return wait <= TimeSpan.Zero && dispatcher.AtCapacity ? _options.MaxIdle : wait;
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
