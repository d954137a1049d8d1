using Belfry.Core.Reports;
using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>
/// One pass over the per-day run counts the dashboard's success rates read (issue 16): deletes the days older than
/// <see cref="RunCounts.KeepDays"/>, <see cref="RetentionOptions.BatchSize"/> a store transaction. It runs whatever
/// <see cref="RetentionOptions.ExecutionAge"/> is: the counts only serve windows up to that many days, and keeping
/// executions longer does not need them.
/// </summary>
internal sealed class RunCountRetention(
    IExecutionStore executions, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RunCountRetention> logger)
{
    private readonly RetentionOptions _options = options.Value;

    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = RunCounts.FirstKeptDay(time.GetUtcNow());
        var deleted = await RetentionBatches.DeleteAllAsync(
            (max, ct) => executions.DeleteOldRunCountsAsync(before, max, ct), _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            Log.DeletedRunCounts(logger, deleted, before);
        }

        return deleted;
    }
}
