using Belfry.Core.Executions;
using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// Jobs: what the API creates, reads, lists, changes, deletes and runs by hand. Every method is one transaction.
/// Instants go in and come out as UTC; "now" is always a parameter, never the database's clock. Planning, claiming
/// and recording are the dispatch queue's (<see cref="IDispatchQueue"/>); a job's executions are read through
/// <see cref="IExecutionStore"/>. Implementations: SQLite (embedded), PostgreSQL (cluster).
/// </summary>
internal interface IJobStore
{
    /// <summary>Inserts a new job. Throws <see cref="JobAlreadyExistsException"/> when the name is taken.</summary>
    Task CreateJobAsync(Job job, CancellationToken cancellationToken);

    Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken);

    /// <summary>
    /// Jobs under a location, ordered by job id; under <c>locations/-</c> (<see cref="LocationName.IsAnyLocation"/>) the
    /// project's jobs in every location, ordered by full name. Throws <see cref="InvalidPageTokenException"/> on a foreign token.
    /// </summary>
    Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// The location's user jobs (never a pipeline's step jobs) at a glance, however many: the count in each state (in
    /// state order), up to <paramref name="limit"/> of those failing now by last attempt time, newest first, with their
    /// total, and up to <paramref name="limit"/> Enabled jobs by schedule time, soonest first.
    /// </summary>
    Task<JobOverview> OverviewAsync(LocationName location, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the job's definition and state when its stored definition version still equals
    /// <paramref name="job"/>.DefinitionVersion, and raises both versions. Returns false when the definition version
    /// moved on (another user's write; the caller re-reads and retries); throws <see cref="JobNotFoundException"/> when
    /// the job is gone. The dispatcher's plans and records do not move it, so the status and last attempt time stay the
    /// row's, and so does the schedule time unless the state, schedule or zone change (then it is
    /// <paramref name="job"/>.ScheduleTime): what a plan advanced since the read is never put back.
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
}
