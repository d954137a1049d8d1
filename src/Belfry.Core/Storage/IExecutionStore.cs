using Belfry.Core.Jobs;
using Belfry.Core.Reports;

namespace Belfry.Core.Storage;

/// <summary>
/// Executions: a job's history for the API, a location's success-rate report and its export, and the totals the
/// metrics show; and their retention. Every method is one transaction.
/// </summary>
internal interface IExecutionStore
{
    /// <summary>A job's executions, newest schedule time first, with their attempts.</summary>
    Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>How many executions are outstanding and how many of them wait for a retry, over the whole store.</summary>
    Task<OutstandingCounts> CountOutstandingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per job of <paramref name="location"/> (pipeline steps' jobs included), in name order, its finished executions
    /// (Succeeded or Failed) scheduled at or after <paramref name="since"/>: the <see cref="JobRunSummary"/> figures. A
    /// job without such an execution has no line.
    /// </summary>
    Task<IReadOnlyList<JobRunSummary>> SummarizeRunsAsync(LocationName location, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// The success rates of the jobs of <paramref name="location"/> (pipeline steps' jobs included) over their finished
    /// executions (Succeeded or Failed) scheduled at or after <paramref name="since"/>, as <see cref="SummarizeRunsAsync"/>
    /// counts them: up to <paramref name="limit"/> of the lowest, worst first (then by name), and how many jobs had such
    /// an execution. For the dashboard's overview: read from per-job, per-UTC-day counts of finished runs that recording a
    /// final attempt raises (<see cref="RunCounts"/>), so it costs a few rows per job whatever the executions.
    /// <paramref name="since"/> must start a UTC day (else <see cref="ArgumentException"/>) and be within
    /// <see cref="RunCounts.KeepDays"/> of now; the counts keep runs whose executions retention has deleted since.
    /// </summary>
    Task<LowestRunRates> LowestRunRatesAsync(LocationName location, DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="pageSize"/> of <paramref name="location"/>'s executions that finished (Succeeded or Failed)
    /// at or after <paramref name="since"/> and before <paramref name="until"/>, by finish time then id, after
    /// <paramref name="after"/> (from the start when null). Each page is its own read, so an export of any length holds
    /// one page at a time and no transaction open between pages.
    /// </summary>
    Task<FinishedExecutionPage> ListFinishedAsync(
        LocationName location, DateTimeOffset since, DateTimeOffset until, FinishedExecutionKey? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> final executions that finished before <paramref name="before"/>, with their
    /// attempts, oldest finish first; returns how many (fewer than <paramref name="max"/>: none are left). Never an
    /// outstanding one (Pending, Running), whatever its age; never one a pipeline run's step still names (those go with
    /// their run, <see cref="IPipelineStore.DeleteFinishedRunsAsync"/>); never a job's newest success, which the
    /// missed-run watcher reads (a monthly job keeps its last success past a 30-day retention). Several nodes may run it
    /// at once: each deletes rows the others did not take.
    /// </summary>
    Task<int> DeleteFinishedExecutionsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> executions of jobs deleted by <paramref name="now"/>, with their attempts,
    /// and forgets a deleted job once none of its executions are left; returns how many executions (fewer than
    /// <paramref name="max"/>: none are left). Deleting a job removes only its row and outstanding executions at once
    /// (<see cref="IJobStore.DeleteJobAsync"/>); its history waits for this, a batch per transaction (issue 14, M6).
    /// Several nodes may run it at once: each deletes rows the others did not take.
    /// </summary>
    Task<int> DeleteDeletedJobsHistoryAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> per-day run counts (<see cref="LowestRunRatesAsync"/>) of UTC days before
    /// <paramref name="before"/>'s; returns how many (fewer than <paramref name="max"/>: none are left).
    /// </summary>
    Task<int> DeleteOldRunCountsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
