using System.Text.Json;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Api.Jobs;

/// <summary>
/// What the jobs API does to the store: create, update under an update mask, pause, resume, run, delete. Every
/// change is one store transaction guarded by the job's definition version, retried when another user's write moved it
/// meanwhile (the dispatcher's plans do not: the store keeps the schedule time they advanced). The
/// store tells the dispatcher what changed (<see cref="IStoreChanges"/>), so nothing here knows it exists.
/// </summary>
internal sealed class JobCommands(
    IJobStore store, IChannelStore channels, JobValidator validator, ScheduleCache schedules, TimeProvider time)
    : IResourceCommands<JobName, Job, JobResource, ListJobsResponse>
{
    public static readonly ApiResource<JobCommands, JobName, Job, JobResource, ListJobsResponse> Resource = new(
        "job", "job", "job", ApiNames.Job, BelfryJsonContext.Default.JobResource, JobMapper.ToResource, BelfryJsonContext.Default.ListJobsResponse)
    {
        ListsAnyLocation = true,
    };

    // As Cloud Scheduler, a job created without a name gets a generated id.
    private static readonly NameResolver<JobName> Names = new()
    {
        TryParse = JobName.TryParse,
        ParentOf = n => n.Parent,
        Form = "a job name of the form projects/PROJECT/locations/LOCATION/jobs/JOB_ID (letters, digits, hyphens, underscores; at most 500)",
        Generate = parent => parent.Job(Guid.CreateVersion7().ToString("N")),
    };

    public async Task<Job> CreateAsync(LocationName parent, JobResource resource, CancellationToken cancellationToken)
    {
        var name = Names.Resolve(parent, resource.Name);
        var job = Created(name, resource, time.GetUtcNow());
        await EnsureChannelsExistAsync(job, current: null, cancellationToken).ConfigureAwait(false);
        try
        {
            await store.CreateJobAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (JobAlreadyExistsException)
        {
            throw ApiException.AlreadyExists($"Job {name.FullName} already exists.");
        }

        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    // Jobs take no id query parameter: Cloud Scheduler names a job in its body, or generates one.
    Task<Job> IResourceCommands<JobName, Job, JobResource, ListJobsResponse>.CreateAsync(
        LocationName parent, JobResource resource, string? id, CancellationToken cancellationToken) => CreateAsync(parent, resource, cancellationToken);

    public async Task<ListJobsResponse> ListAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await store.ListJobsAsync(parent, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
        return new ListJobsResponse { Jobs = page.Jobs.Select(JobMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
    }

    public Task<Job> GetAsync(JobName name, CancellationToken cancellationToken) => Resource.FoundAsync(store.GetJobAsync(name, cancellationToken), name);

    public Task<Job> UpdateAsync(JobName name, JobResource patch, string? updateMask, CancellationToken cancellationToken)
    {
        Resource.EnsureSameName(patch.Name, name);
        var paths = JobUpdateMask.Fields.Paths(patch, updateMask);
        return ChangeAsync(name, (current, now) =>
        {
            var wire = JobMapper.ToResource(current);
            JobUpdateMask.Fields.Apply(wire, patch, paths);
            return Replaced(current, wire, now);
        }, cancellationToken, (current, next) => EnsureChannelsExistAsync(next, current, cancellationToken));
    }

    /// <summary>A new job from <paramref name="resource"/>, Enabled and planned from <paramref name="now"/> (create, and a change set's create).</summary>
    public Job Created(JobName name, JobResource resource, DateTimeOffset now)
    {
        var job = validator.Validate(name, resource);
        return job with
        {
            State = JobState.Enabled,
            UserUpdateTime = now,
            ScheduleTime = schedules.Get(job.Schedule, job.TimeZone).GetNextOccurrence(now),
            MissedRunSince = now,
        };
    }

    /// <summary>
    /// <paramref name="current"/> with the definition of <paramref name="wire"/>, a whole job (an update after its mask,
    /// and a change set's update); the state, schedule time and status stay the store's unless the change moves them.
    /// </summary>
    public Job Replaced(Job current, JobResource wire, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (JsonSerializer.SerializeToUtf8Bytes(wire, BelfryJsonContext.Default.JobResource).Length > JobValidator.MaxJobBytes)
        {
            throw ApiException.InvalidArgument("job: the updated job exceeds the 1 MB limit.");
        }

        var definition = validator.Validate(current.Name, wire);
        var rescheduled = definition.Schedule != current.Schedule || definition.TimeZone != current.TimeZone;

        // A new schedule or deadline restarts the missed-run clock: times before it were owed under other rules.
        var restartClock = rescheduled || definition.Belfry.MissedRunDeadline != current.Belfry.MissedRunDeadline;
        return current with
        {
            Description = definition.Description,
            Schedule = definition.Schedule,
            TimeZone = definition.TimeZone,
            HttpTarget = definition.HttpTarget,
            RetryConfig = definition.RetryConfig,
            AttemptDeadline = definition.AttemptDeadline,
            Belfry = definition.Belfry,
            UserUpdateTime = now,

            // As Cloud Scheduler's UPDATE_FAILED: a successful update recovers the job (the planner sets it when a
            // schedule cannot be planned, issue 10), planned from now.
            State = current.State == JobState.UpdateFailed ? JobState.Enabled : current.State,
            ScheduleTime = (current.State == JobState.Enabled && rescheduled) || current.State == JobState.UpdateFailed
                ? NextTime(definition, now)
                : current.ScheduleTime,
            MissedRunSince = restartClock ? now : current.MissedRunSince,
        };
    }

    public Task<Job> PauseAsync(JobName name, CancellationToken cancellationToken) =>
        ChangeAsync(name, (current, now) => current.State == JobState.Enabled
            ? current with { State = JobState.Paused, ScheduleTime = null, UserUpdateTime = now }
            : throw ApiException.FailedPrecondition($"Job {name.FullName} cannot be paused: its state is {StateName(current.State)}, not ENABLED."),
            cancellationToken);

    // Resume plans from now: the times that passed while paused are not owed (DESIGN, "Pause"), neither runs nor
    // missed-run deadlines, so the missed-run clock restarts too.
    public Task<Job> ResumeAsync(JobName name, CancellationToken cancellationToken) =>
        ChangeAsync(name, (current, now) => current.State == JobState.Paused
            ? current with { State = JobState.Enabled, ScheduleTime = NextTime(current, now), UserUpdateTime = now, MissedRunSince = now }
            : throw ApiException.FailedPrecondition($"Job {name.FullName} cannot be resumed: its state is {StateName(current.State)}, not PAUSED."),
            cancellationToken);

    /// <summary>Starts a manual execution; answers the job, as Cloud Scheduler's <c>:run</c>, and the execution it started.</summary>
    public async Task<(Job Job, Execution Started)> RunAsync(JobName name, CancellationToken cancellationToken)
    {
        var started = await store.CreateManualExecutionAsync(name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return (await GetAsync(name, cancellationToken).ConfigureAwait(false), started);
    }

    public Task DeleteAsync(JobName name, CancellationToken cancellationToken) => Resource.DeleteAsync(store.DeleteJobAsync(name, cancellationToken), name);

    private async Task<Job> ChangeAsync(
        JobName name, Func<Job, DateTimeOffset, Job> change, CancellationToken cancellationToken, Func<Job, Job, Task>? verify = null)
    {
        await OptimisticUpdate.ApplyAsync(
            time, () => GetAsync(name, cancellationToken), change, verify, job => store.UpdateJobAsync(job, cancellationToken), $"Job {name.FullName}")
            .ConfigureAwait(false);
        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Routes must name existing channels; those the job already had are not checked again (a channel may be deleted under it).</summary>
    private async Task EnsureChannelsExistAsync(Job job, Job? current, CancellationToken cancellationToken)
    {
        var routes = job.Belfry.Notify;
        var known = current?.Belfry.Notify;
        await ChannelReferences.EnsureExistAsync(channels, "belfry.notifyOnFailure", routes.OnFailure, known?.OnFailure, cancellationToken).ConfigureAwait(false);
        await ChannelReferences.EnsureExistAsync(channels, "belfry.notifyOnRecovery", routes.OnRecovery, known?.OnRecovery, cancellationToken).ConfigureAwait(false);
        await ChannelReferences.EnsureExistAsync(channels, "belfry.notifyOnSuccess", routes.OnSuccess, known?.OnSuccess, cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset? NextTime(Job job, DateTimeOffset now) => schedules.Get(job.Schedule, job.TimeZone).GetNextOccurrence(now);

    private static string StateName(JobState state) => JobMapper.StateName(state);
}
