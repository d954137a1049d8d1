using Belfry.Core.Executions;

namespace Belfry.Core.Pipelines;

/// <summary>
/// One step of a run: its state and its current execution (null until dispatched; a resumed step gets a new one),
/// with that execution's attempts.
/// </summary>
internal sealed record PipelineRunStep(string StepId, IReadOnlyList<string> DependsOn, PipelineStepState State, Execution? Execution)
{
    /// <summary>
    /// Every execution the run gave this step, oldest first, with their attempts: those that failed before a resume,
    /// then the current one (docs/pipelines.md, "Runs"). Empty until the step is dispatched.
    /// </summary>
    public IReadOnlyList<Execution> Executions { get; init; } = [];
}
