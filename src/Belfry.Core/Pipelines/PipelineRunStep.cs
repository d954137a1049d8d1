using Belfry.Core.Executions;

namespace Belfry.Core.Pipelines;

/// <summary>
/// One step of a run: its state and its current execution (null until dispatched; a resumed step gets a new one),
/// with that execution's attempts.
/// </summary>
internal sealed record PipelineRunStep(string StepId, IReadOnlyList<string> DependsOn, PipelineStepState State, Execution? Execution);
