using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>The thin loop around <see cref="ExecutionRetention.RunOnceAsync"/>: a pass once the server has started, then one per interval.</summary>
internal sealed class RetentionService(ExecutionRetention retention, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _options.ExecutionAge <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return WorkerLoop.RunAsync(
            async ct =>
            {
                await retention.RunOnceAsync(ct).ConfigureAwait(false);
                return _options.Interval;
            },
            (wait, ct) => Task.Delay(wait, time, ct), _options.Interval, e => Log.PassFailed(logger, e), stoppingToken);
    }
}
