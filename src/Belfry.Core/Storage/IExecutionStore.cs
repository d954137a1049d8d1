using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>Executions: a job's history for the API, and its retention. Every method is one transaction.</summary>
internal interface IExecutionStore
{
    /// <summary>A job's executions, newest schedule time first, with their attempts.</summary>
    Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> final executions that finished before <paramref name="before"/>, with their
    /// attempts, oldest finish first; returns how many (fewer than <paramref name="max"/>: none are left). Never an
    /// outstanding one (Pending, Running), whatever its age; never one a pipeline run's step still names (those go with
    /// their run, <see cref="IPipelineStore.DeleteFinishedRunsAsync"/>); never a job's newest success, which the
    /// missed-run watcher reads (a monthly job keeps its last success past a 30-day retention). Several nodes may run it
    /// at once: each deletes rows the others did not take.
    /// </summary>
    Task<int> DeleteFinishedExecutionsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
