using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The dispatcher's view of the store with one seam: <see cref="AfterPlan"/> runs once, after a plan transaction has
/// committed and before the dispatcher sees what it armed, so a test can put an API call exactly there.
/// </summary>
internal sealed class PlanHookStore(IJobStore inner) : IJobStore
{
    /// <summary>Runs after the next <see cref="PlanDueJobsAsync"/> commits, then is cleared.</summary>
    public Func<Task>? AfterPlan { get; set; }

    public async Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan leaseGrace, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        var planned = await inner.PlanDueJobsAsync(now, horizon, maxJobs, leaseGrace, plan, cancellationToken);
        if (AfterPlan is { } hook)
        {
            AfterPlan = null;
            await hook();
        }

        return planned;
    }

    public Task CreateJobAsync(Job job, CancellationToken cancellationToken) => inner.CreateJobAsync(job, cancellationToken);

    public Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken) => inner.GetJobAsync(name, cancellationToken);

    public Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        inner.ListJobsAsync(parent, pageSize, pageToken, cancellationToken);

    public Task<bool> UpdateJobAsync(Job job, CancellationToken cancellationToken) => inner.UpdateJobAsync(job, cancellationToken);

    public Task<bool> DeleteJobAsync(JobName name, CancellationToken cancellationToken) => inner.DeleteJobAsync(name, cancellationToken);

    public Task<Execution> CreateManualExecutionAsync(JobName name, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CreateManualExecutionAsync(name, now, cancellationToken);

    public Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan leaseGrace, CancellationToken cancellationToken) =>
        inner.ClaimDueAttemptsAsync(now, max, leaseGrace, cancellationToken);

    public Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken) => inner.RecordAttemptAsync(result, cancellationToken);

    public Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken) =>
        inner.RecordAttemptsAsync(results, cancellationToken);

    public Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) => inner.GetNextDueAsync(cancellationToken);

    public Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        inner.ListExecutionsAsync(name, pageSize, pageToken, cancellationToken);
}
