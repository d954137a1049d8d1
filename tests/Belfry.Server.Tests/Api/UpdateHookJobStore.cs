using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// The server's job store with one seam: <see cref="BeforeUpdate"/> runs before each <see cref="UpdateJobAsync"/>, that
/// is between the API's read of the job and its write, so a test can put the dispatcher or another user exactly there.
/// </summary>
internal sealed class UpdateHookJobStore(IJobStore inner) : IJobStore
{
    private int _updates;

    /// <summary>Runs before every update write while set.</summary>
    public Func<Task>? BeforeUpdate { get; set; }

    /// <summary>The update writes tried, refused ones included.</summary>
    public int Updates => Volatile.Read(ref _updates);

    public async Task<bool> UpdateJobAsync(Job job, CancellationToken cancellationToken)
    {
        if (BeforeUpdate is { } hook)
        {
            await hook();
        }

        Interlocked.Increment(ref _updates);
        return await inner.UpdateJobAsync(job, cancellationToken);
    }

    public Task CreateJobAsync(Job job, CancellationToken cancellationToken) => inner.CreateJobAsync(job, cancellationToken);

    public Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken) => inner.GetJobAsync(name, cancellationToken);

    public Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        inner.ListJobsAsync(parent, pageSize, pageToken, cancellationToken);

    public Task<JobOverview> OverviewAsync(LocationName location, int limit, CancellationToken cancellationToken) =>
        inner.OverviewAsync(location, limit, cancellationToken);

    public Task<bool> DeleteJobAsync(JobName name, CancellationToken cancellationToken) => inner.DeleteJobAsync(name, cancellationToken);

    public Task<Execution> CreateManualExecutionAsync(JobName name, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CreateManualExecutionAsync(name, now, cancellationToken);
}
