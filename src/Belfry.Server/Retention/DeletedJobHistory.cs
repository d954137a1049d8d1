using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>
/// One pass over deleted jobs' history (issue 14, M6): deleting a job removes the job and its outstanding executions at
/// once and leaves its finished executions behind; this deletes them, <see cref="RetentionOptions.BatchSize"/> a store
/// transaction, until none are left. It runs whatever <see cref="RetentionOptions.ExecutionAge"/> is: a deleted job's
/// history is not kept.
/// </summary>
internal sealed class DeletedJobHistory(
    IExecutionStore executions, TimeProvider time, IOptions<RetentionOptions> options, ILogger<DeletedJobHistory> logger)
{
    private readonly RetentionOptions _options = options.Value;

    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = await RetentionBatches.DeleteAllAsync(
            (max, ct) => executions.DeleteDeletedJobsHistoryAsync(now, max, ct), _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            Log.DeletedJobHistory(logger, deleted);
        }

        return deleted;
    }
}
