using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>
/// One retention pass (issue 13): deletes finished pipeline runs, then finished executions, whose finish time is older
/// than <see cref="RetentionOptions.ExecutionAge"/>, a batch per store transaction, until a batch comes back short.
/// What stays whatever its age is the stores' rule (<see cref="IExecutionStore.DeleteFinishedExecutionsAsync"/>):
/// outstanding executions, those a kept run's steps name, each job's newest success.
/// </summary>
internal sealed class ExecutionRetention(
    IExecutionStore executions, IPipelineStore pipelines, TimeProvider time, IOptions<RetentionOptions> options, ILogger<ExecutionRetention> logger)
{
    private readonly RetentionOptions _options = options.Value;

    public async Task<RetentionPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_options.ExecutionAge <= TimeSpan.Zero)
        {
            return default;
        }

        var before = time.GetUtcNow() - _options.ExecutionAge;

        // Runs first: their step executions go with them, and the execution batches then see only what is left.
        var runBatch = Math.Max(1, _options.BatchSize / 10);
        var runs = (int)await RetentionBatches.DeleteAllAsync(
            (max, ct) => pipelines.DeleteFinishedRunsAsync(before, max, ct), runBatch, cancellationToken).ConfigureAwait(false);
        var deleted = (int)await RetentionBatches.DeleteAllAsync(
            (max, ct) => executions.DeleteFinishedExecutionsAsync(before, max, ct), _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (runs + deleted > 0)
        {
            Log.Deleted(logger, deleted, runs, before);
        }

        return new RetentionPass(deleted, runs);
    }
}
