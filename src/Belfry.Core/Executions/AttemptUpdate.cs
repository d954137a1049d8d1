using Belfry.Core.Jobs;

namespace Belfry.Core.Executions;

/// <summary>
/// What every recorded attempt writes: the execution's new state (Pending again with its retry time, or final with
/// its finish time) and the job's status and last attempt time. A struct: it is made once per attempt, the hottest path.
/// </summary>
internal readonly record struct AttemptUpdate(
    ExecutionState State, DateTimeOffset? NextAttemptTime, DateTimeOffset? FinishTime, JobStatus JobStatus, DateTimeOffset LastAttemptTime)
{
    /// <summary>Succeeded, or failed after its last retry: the execution's consequences (<see cref="FinalChanges"/>) follow.</summary>
    public bool IsFinal => State != ExecutionState.Pending;
}
