using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;

namespace Belfry.Core.Storage;

/// <summary>
/// The one store contract. Every method is one transaction. Instants go in and come out as UTC; "now" is always
/// a parameter, never the database's clock. Implementations: SQLite (embedded), PostgreSQL (cluster).
/// </summary>
internal interface IJobStore
{
    /// <summary>Inserts a new job. Throws <see cref="JobAlreadyExistsException"/> when the name is taken.</summary>
    Task CreateJobAsync(Job job, CancellationToken cancellationToken);

    Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken);

    /// <summary>Jobs under a location, ordered by job id. Throws <see cref="InvalidPageTokenException"/> on a foreign token.</summary>
    Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the job's definition, state, status and schedule time when its stored version still equals
    /// <paramref name="job"/>.Version, and raises the version. Returns false when the version moved on
    /// (the caller re-reads and retries); throws <see cref="JobNotFoundException"/> when the job is gone.
    /// A job that is no longer Enabled loses any deferred (coalesced) time. Executions armed ahead and not yet due at
    /// <paramref name="job"/>.UserUpdateTime (the change's instant) are withdrawn: deleted, and, when the job stays
    /// Enabled on the same schedule, its schedule time goes back to the earliest of them, so they are planned again
    /// under the new definition.
    /// </summary>
    Task<bool> UpdateJobAsync(Job job, CancellationToken cancellationToken);

    /// <summary>Deletes the job, its pending executions and their pending retries. False when there was no such job.</summary>
    Task<bool> DeleteJobAsync(JobName name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an execution due at <paramref name="now"/> with trigger Manual, whatever else is outstanding
    /// (Cloud Scheduler's <c>:run</c>). Throws <see cref="JobNotFoundException"/>.
    /// </summary>
    Task<Execution> CreateManualExecutionAsync(JobName name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// For up to <paramref name="maxJobs"/> Enabled jobs whose schedule time is at or before <paramref name="now"/>,
    /// or at or before <paramref name="horizon"/> with nothing outstanding or deferred (armed ahead): asks
    /// <paramref name="plan"/> what to do, then creates the executions, records skipped and missed times, sets the
    /// deferred time and advances the schedule time, all in one transaction per batch, so each (job, scheduled time)
    /// is planned once. The executions to fire are created claimed by the caller: Running, attempt 1, epoch 1, with a
    /// lease until their schedule time (or now, if later) + the job's attempt deadline + <paramref name="leaseGrace"/>;
    /// the caller sends each at its schedule time, not before.
    /// </summary>
    Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan leaseGrace, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> executions that are Pending and due, or Running with an expired lease
    /// (their epoch rises): each becomes Running with a lease until now + its job's attempt deadline + <paramref name="leaseGrace"/>.
    /// </summary>
    Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan leaseGrace, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and moves its execution on (Pending with the next attempt time, or final), sets the
    /// job's status and last attempt time, and, when the execution became final, starts the job's deferred time
    /// if nothing else is outstanding. A final outcome also enqueues, in the same transaction, the failure, recovery
    /// and success notifications the job's routes ask for (<see cref="Notifications.ExecutionNotifications"/>) and
    /// remembers the outcome. False (and nothing written) when the execution's epoch is no longer
    /// <see cref="AttemptResult.Epoch"/> or it is gone.
    /// </summary>
    Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RecordAttemptAsync"/> for many results in one transaction (a group commit): the dispatcher
    /// records what finished together at once. Each result is fenced on its own; the answer says which were recorded.
    /// </summary>
    Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken);

    /// <summary>The earliest instants at which something becomes due: a job's schedule time; a pipeline's, a retry, a lease expiry.</summary>
    Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken);

    /// <summary>A job's executions, newest schedule time first, with their attempts.</summary>
    Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken);
}
