using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Api.Pipelines;

/// <summary>
/// What the pipelines API does to the store. Definition changes are guarded by the pipeline's definition version
/// and retried when another user's write moved it meanwhile; run changes are one store transaction each. The store wakes the
/// dispatcher after every change (<see cref="IStoreChanges"/>).
/// </summary>
internal sealed class PipelineCommands(
    IPipelineStore store, IChannelStore channels, PipelineValidator validator, ScheduleCache schedules, TimeProvider time)
    : IResourceCommands<PipelineName, Pipeline, PipelineResource, ListPipelinesResponse>
{
    public static readonly ApiResource<PipelineCommands, PipelineName, Pipeline, PipelineResource, ListPipelinesResponse> Resource = new(
        "pipeline", "pipeline", "pipeline", ApiNames.Pipeline, BelfryJsonContext.Default.PipelineResource, PipelineMapper.ToResource,
        BelfryJsonContext.Default.ListPipelinesResponse) { UpdateReadsBodyFirst = true };

    private static readonly NameResolver<PipelineName> Names = new()
    {
        TryParse = PipelineName.TryParse,
        ParentOf = n => n.Parent,
        Form = "a pipeline name of the form projects/PROJECT/locations/LOCATION/pipelines/PIPELINE_ID (letters, digits, hyphens, underscores; at most 100)",
        Missing = "name: required, of the form projects/PROJECT/locations/LOCATION/pipelines/PIPELINE_ID.",
    };

    // Whole top-level fields only: a nested path updates the field it is in, and steps are replaced as a whole.
    private static readonly FieldMask<PipelineResource> Fields =
        new FieldMask<PipelineResource>(raw => $"updateMask: \"{raw}\" is not a field of a pipeline you can update.", wholeFields: true)
            .Field("description", p => p.Description, (t, p) => t.Description = p.Description)
            .Field("schedule", p => p.Schedule, (t, p) => t.Schedule = p.Schedule)
            .Field("timeZone", p => p.TimeZone, (t, p) => t.TimeZone = p.TimeZone)
            .Field("steps", p => p.Steps, (t, p) => t.Steps = p.Steps)
            .Field("belfry", p => p.Belfry, (t, p) => t.Belfry = p.Belfry);

    public async Task<Pipeline> CreateAsync(LocationName parent, PipelineResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var name = Names.Resolve(parent, resource.Name);
        var pipeline = Created(name, resource, time.GetUtcNow());
        await EnsureChannelsExistAsync(pipeline, null, cancellationToken).ConfigureAwait(false);
        await Resource.CreateAsync(() => store.CreatePipelineAsync(pipeline, cancellationToken), name).ConfigureAwait(false);
        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    // Pipelines take no id query parameter: the body names the pipeline.
    Task<Pipeline> IResourceCommands<PipelineName, Pipeline, PipelineResource, ListPipelinesResponse>.CreateAsync(
        LocationName parent, PipelineResource resource, string? id, CancellationToken cancellationToken) => CreateAsync(parent, resource, cancellationToken);

    public async Task<ListPipelinesResponse> ListAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await store.ListPipelinesAsync(parent, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
        return new ListPipelinesResponse { Pipelines = page.Pipelines.Select(PipelineMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
    }

    public Task<Pipeline> GetAsync(PipelineName name, CancellationToken cancellationToken) =>
        Resource.FoundAsync(store.GetPipelineAsync(name, cancellationToken), name);

    /// <summary>
    /// PATCH: the top-level fields in <paramref name="updateMask"/> (description, schedule, timeZone, steps, belfry),
    /// or those present in the body; <c>steps</c> is replaced as a whole. Runs already started keep their graph.
    /// </summary>
    public Task<Pipeline> UpdateAsync(PipelineName name, PipelineResource patch, string? updateMask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        Resource.EnsureSameName(patch.Name, name);
        var paths = Fields.Paths(patch, updateMask);
        return ChangeAsync(name, (current, now) =>
        {
            var wire = PipelineMapper.ToResource(current);
            Fields.Apply(wire, patch, paths);
            return Replaced(current, wire, now);
        }, cancellationToken, (current, next) => EnsureChannelsExistAsync(next, current, cancellationToken));
    }

    /// <summary>A new pipeline, Enabled and planned from <paramref name="now"/> (create, and a change set's create).</summary>
    public Pipeline Created(PipelineName name, PipelineResource resource, DateTimeOffset now)
    {
        var pipeline = validator.Validate(name, resource);
        return pipeline with { State = JobState.Enabled, UserUpdateTime = now, ScheduleTime = NextTime(pipeline, now) };
    }

    /// <summary><paramref name="current"/> with the definition of <paramref name="wire"/>, a whole pipeline (an update after its mask, and a change set's update).</summary>
    public Pipeline Replaced(Pipeline current, PipelineResource wire, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var definition = validator.Validate(current.Name, wire);
        var rescheduled = definition.Schedule != current.Schedule || definition.TimeZone != current.TimeZone;
        return definition with
        {
            // As Cloud Scheduler's UPDATE_FAILED: a successful update recovers it (the planner set it, issue 10).
            State = current.State == JobState.UpdateFailed ? JobState.Enabled : current.State,
            UserUpdateTime = now,
            ScheduleTime = (current.State == JobState.Enabled && rescheduled) || current.State == JobState.UpdateFailed
                ? NextTime(definition, now)
                : current.ScheduleTime,
            Version = current.Version,
            DefinitionVersion = current.DefinitionVersion,
        };
    }

    public Task<Pipeline> PauseAsync(PipelineName name, CancellationToken cancellationToken) =>
        ChangeAsync(name, (current, now) => current.State == JobState.Enabled
            ? current with { State = JobState.Paused, ScheduleTime = null, UserUpdateTime = now }
            : throw ApiException.FailedPrecondition($"Pipeline {name.FullName} cannot be paused: it is not ENABLED."),
            cancellationToken);

    public Task<Pipeline> ResumeAsync(PipelineName name, CancellationToken cancellationToken) =>
        ChangeAsync(name, (current, now) => current.State == JobState.Paused
            ? current with { State = JobState.Enabled, ScheduleTime = NextTime(current, now), UserUpdateTime = now }
            : throw ApiException.FailedPrecondition($"Pipeline {name.FullName} cannot be resumed: it is not PAUSED."),
            cancellationToken);

    public Task DeleteAsync(PipelineName name, CancellationToken cancellationToken) =>
        Resource.DeleteAsync(store.DeletePipelineAsync(name, cancellationToken), name);

    /// <summary><c>:run</c>: a run now, whatever else is outstanding (as a job's <c>:run</c>).</summary>
    public async Task<PipelineRun> RunAsync(PipelineName name, CancellationToken cancellationToken)
    {
        try
        {
            return await store.StartManualRunAsync(name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            throw Resource.NotFound(name);
        }
    }

    public async Task<PipelineRun> GetRunAsync(PipelineName name, string runId, CancellationToken cancellationToken) =>
        await store.GetRunAsync(name, runId, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"Run {name.FullName}/runs/{runId} not found.");

    /// <summary>The internal job of step <paramref name="stepId"/> (whose executions are the step's), or NOT_FOUND naming the steps there are.</summary>
    public async Task<JobName> GetStepJobAsync(PipelineName name, string stepId, CancellationToken cancellationToken)
    {
        var pipeline = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        return pipeline.Steps.Any(s => s.Id == stepId)
            ? name.StepJob(stepId)
            : throw ApiException.NotFound(
                $"Step {stepId} not found in pipeline {name.FullName}; its steps are {string.Join(", ", pipeline.Steps.Select(s => s.Id))}.");
    }

    /// <summary>
    /// The pipeline step whose target sees the job <paramref name="jobId"/> (<c>{pipeline}-{step}</c>, as alerts and
    /// ledgers name it), or null. Ids may hold hyphens themselves, so every split is tried, the longest pipeline id first.
    /// </summary>
    public async Task<(PipelineName Pipeline, string StepId)?> FindStepByJobIdAsync(LocationName parent, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(jobId);
        for (var dash = jobId.LastIndexOf('-'); dash > 0; dash = jobId.LastIndexOf('-', dash - 1))
        {
            var pipeline = new PipelineName(parent.Project, parent.Location, jobId[..dash]);
            var step = jobId[(dash + 1)..];
            if ((await store.GetPipelineAsync(pipeline, cancellationToken).ConfigureAwait(false))?.Steps.Any(s => s.Id == step) == true)
            {
                return (pipeline, step);
            }
        }

        return null;
    }

    public Task<PipelineRun> ResumeRunAsync(PipelineName name, string runId, CancellationToken cancellationToken) =>
        ActOnRunAsync(name, runId, (n, id, now) => store.ResumeRunAsync(n, id, now, cancellationToken));

    public Task<PipelineRun> CancelRunAsync(PipelineName name, string runId, CancellationToken cancellationToken) =>
        ActOnRunAsync(name, runId, (n, id, now) => store.CancelRunAsync(n, id, now, cancellationToken));

    private async Task<PipelineRun> ActOnRunAsync(
        PipelineName name, string runId, Func<PipelineName, string, DateTimeOffset, Task<PipelineRun>> act)
    {
        try
        {
            return await act(name, runId, time.GetUtcNow()).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            throw ApiException.NotFound($"Run {name.FullName}/runs/{runId} not found.");
        }
        catch (PipelineRunConflictException e)
        {
            throw ApiException.FailedPrecondition(e.Message);
        }
    }

    private async Task<Pipeline> ChangeAsync(
        PipelineName name, Func<Pipeline, DateTimeOffset, Pipeline> change, CancellationToken cancellationToken, Func<Pipeline, Pipeline, Task>? verify = null)
    {
        await OptimisticUpdate.ApplyAsync(
            time, () => GetAsync(name, cancellationToken), change, verify, next => store.UpdatePipelineAsync(next, cancellationToken), $"Pipeline {name.FullName}")
            .ConfigureAwait(false);
        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureChannelsExistAsync(Pipeline pipeline, Pipeline? current, CancellationToken cancellationToken)
    {
        var routes = pipeline.Belfry.Notify;
        var known = current?.Belfry.Notify;
        await ChannelReferences.EnsureExistAsync(channels, "belfry.notifyOnFailure", routes.OnFailure, known?.OnFailure, cancellationToken).ConfigureAwait(false);
        await ChannelReferences.EnsureExistAsync(channels, "belfry.notifyOnSuccess", routes.OnSuccess, known?.OnSuccess, cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset? NextTime(Pipeline pipeline, DateTimeOffset now) => schedules.Get(pipeline.Schedule, pipeline.TimeZone).GetNextOccurrence(now);
}
