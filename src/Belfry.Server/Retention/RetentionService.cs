using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>
/// The thin loop around the retention passes: a pass once the server has started, then one per interval. A pass
/// deletes deleted jobs' history, then old notifications, then old executions (<see cref="ExecutionRetention"/>, which
/// does nothing when the age is zero), then old per-day run counts; each goes on in batches until it has caught up.
/// </summary>
internal sealed class RetentionService(
    ExecutionRetention retention, DeletedJobHistory deletedJobs, OutboxRetention outbox, RunCountRetention runCounts, TimeProvider time,
    IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        return WorkerLoop.RunAsync(
            async ct =>
            {
                await deletedJobs.RunOnceAsync(ct).ConfigureAwait(false);
                await outbox.RunOnceAsync(ct).ConfigureAwait(false);
                await retention.RunOnceAsync(ct).ConfigureAwait(false);
                await runCounts.RunOnceAsync(ct).ConfigureAwait(false);
                return _options.Interval;
            },
            (wait, ct) => Task.Delay(wait, time, ct), _options.Interval, e => Log.PassFailed(logger, e), stoppingToken);
    }
}
