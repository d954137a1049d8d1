using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>
/// Pipelines and their runs (docs/pipelines.md). Every method is one transaction. A run's steps are executions of
/// internal step jobs, claimed and recorded by <see cref="IDispatchQueue"/> like any other; recording a step's final
/// outcome advances its run in that same transaction, so a run survives a crash at any point. Scheduled runs start in
/// <see cref="IDispatchQueue.PlanDuePipelinesAsync"/>.
/// </summary>
internal interface IPipelineStore
{
    /// <summary>
    /// Inserts a pipeline and its step jobs. Throws <see cref="ResourceAlreadyExistsException"/> when the pipeline
    /// exists. Step jobs have their own keys (<see cref="Belfry.Core.Jobs.JobName.ForPipelineStep"/>), so a user's job
    /// called <c>{pipeline}-{step}</c> does not stand in the way, nor does a step stand in the way of such a job.
    /// </summary>
    Task CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken);

    Task<Pipeline?> GetPipelineAsync(PipelineName name, CancellationToken cancellationToken);

    /// <summary>Pipelines under a location, ordered by id. Throws <see cref="InvalidPageTokenException"/> on a foreign token.</summary>
    Task<PipelinePage> ListPipelinesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the definition and state when the stored definition version equals <paramref name="pipeline"/>.DefinitionVersion,
    /// upserting step jobs (a removed step's job stays, unused, until the pipeline is deleted). False when the definition
    /// version moved on (another user's write). The schedule time is <paramref name="pipeline"/>.ScheduleTime only when
    /// the state, schedule or zone change; otherwise the row keeps the one the dispatcher advanced. A user's job called
    /// <c>{pipeline}-{step}</c> never conflicts with a new step.
    /// </summary>
    Task<bool> UpdatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken);

    /// <summary>Deletes the pipeline, its runs, their executions and its step jobs. False when there was no such pipeline.</summary>
    Task<bool> DeletePipelineAsync(PipelineName name, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a run now with schedule time <paramref name="now"/> and trigger Manual, whatever else is outstanding
    /// (as a job's <c>:run</c>), dispatching its first steps. Throws <see cref="ResourceNotFoundException"/>.
    /// </summary>
    Task<PipelineRun> StartManualRunAsync(PipelineName name, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PipelineRun?> GetRunAsync(PipelineName name, string runId, CancellationToken cancellationToken);

    /// <summary>A pipeline's runs, newest first, with their steps.</summary>
    Task<PipelineRunPage> ListRunsAsync(PipelineName name, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a Failed or Cancelled run Running again: its failed, not-run and cancelled steps go back to Pending and
    /// those whose dependencies all succeeded are dispatched with new executions; succeeded steps are never repeated.
    /// Throws <see cref="ResourceNotFoundException"/>, or <see cref="PipelineRunConflictException"/> when the run is
    /// not Failed or Cancelled, or (unless the overlap policy is Allow) another run is outstanding.
    /// </summary>
    Task<PipelineRun> ResumeRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a Running run: outstanding step executions become Cancelled (an attempt in flight is fenced out and its
    /// answer ignored), waiting steps Cancelled. Throws <see cref="ResourceNotFoundException"/> or
    /// <see cref="PipelineRunConflictException"/> when the run is already final.
    /// </summary>
    Task<PipelineRun> CancelRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> final runs (Succeeded, Failed, Cancelled) that finished before
    /// <paramref name="before"/>, with their steps and the steps' executions and attempts, oldest finish first; returns
    /// how many runs. A deleted failed run can no longer be resumed. A run any of whose step executions is still
    /// outstanding is kept. Several nodes may run it at once: each deletes runs the others did not take.
    /// </summary>
    Task<int> DeleteFinishedRunsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
