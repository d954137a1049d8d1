using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>Executions, read: a job's history for the API, and the totals the metrics show. Every method is one transaction.</summary>
internal interface IExecutionStore
{
    /// <summary>A job's executions, newest schedule time first, with their attempts.</summary>
    Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>How many executions are outstanding and how many of them wait for a retry, over the whole store.</summary>
    Task<OutstandingCounts> CountOutstandingAsync(CancellationToken cancellationToken);
}
