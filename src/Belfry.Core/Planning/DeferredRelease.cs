using Belfry.Core.Executions;
using Belfry.Core.Jobs;

namespace Belfry.Core.Planning;

/// <summary>
/// Overlap policy Coalesce (docs/semantics.md, "Overlap"): the time that waited for an outstanding execution (a job)
/// or run (a pipeline) starts once nothing is outstanding, due at once; its lateness shows as the gap between schedule
/// time and first attempt. The same rule for jobs and pipelines, so the stores ask it rather than repeat it.
/// </summary>
internal static class DeferredRelease
{
    /// <summary>
    /// The execution (or run) to start now for the deferred time, or null: none is deferred, something is still
    /// outstanding, or the job (pipeline) is not enabled.
    /// The store clears the deferred time when it starts one.
    /// </summary>
    public static NewExecution? Decide(JobState state, DateTimeOffset? deferredTime, bool outstanding, DateTimeOffset now) =>
        state == JobState.Enabled && deferredTime is { } time && !outstanding
            ? new NewExecution(time, ExecutionTrigger.Scheduled, now)
            : null;
}
