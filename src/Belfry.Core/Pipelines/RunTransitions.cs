using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Core.Pipelines;

/// <summary>
/// Which runs <c>:resume</c> and <c>:cancel</c> may change (docs/pipelines.md, "Runs"), checked by the store in the
/// transaction that changes them; what follows is <see cref="RunPlanner.StepsToResume"/> and <see cref="RunAdvance"/>.
/// </summary>
internal static class RunTransitions
{
    /// <summary>Only a FAILED or CANCELLED run can be resumed.</summary>
    public static void EnsureResumable(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.State is not (PipelineRunState.Failed or PipelineRunState.Cancelled))
        {
            throw new PipelineRunConflictException($"Run {run.Id} is {run.State.ToString().ToUpperInvariant()}; only a FAILED or CANCELLED run can be resumed.");
        }
    }

    /// <summary>A resumed run is outstanding again, so the overlap policy applies: unless ALLOW, not while another run is running.</summary>
    public static void EnsureNoOverlap(PipelineName pipeline, OverlapPolicy overlap, int runningRuns)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (overlap != OverlapPolicy.Allow && runningRuns > 0)
        {
            throw new PipelineRunConflictException(
                $"Another run of {pipeline.PipelineId} is running; resume this one when it has finished (overlap policy).");
        }
    }

    /// <summary>Only a RUNNING run can be cancelled.</summary>
    public static void EnsureCancellable(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.State != PipelineRunState.Running)
        {
            throw new PipelineRunConflictException($"Run {run.Id} is {run.State.ToString().ToUpperInvariant()}; only a RUNNING run can be cancelled.");
        }
    }
}
