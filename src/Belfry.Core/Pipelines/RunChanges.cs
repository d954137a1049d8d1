using Belfry.Core.Executions;

namespace Belfry.Core.Pipelines;

/// <summary>
/// What a run's advance writes: a new execution of each step in <see cref="Dispatch"/> (all alike: the run's schedule
/// time and trigger, due now) with the step set Running, the steps set NotRun, and, once the run has ended, its final
/// state and finish time. An ended run lets the pipeline's deferred time start (<see cref="Planning.DeferredRelease"/>).
/// </summary>
internal sealed record RunChanges(
    IReadOnlyList<string> Dispatch, NewExecution StepExecution, IReadOnlyList<string> NotRun, PipelineRunState? FinalState, DateTimeOffset? FinishTime)
{
    public bool Ended => FinalState is not null;
}
