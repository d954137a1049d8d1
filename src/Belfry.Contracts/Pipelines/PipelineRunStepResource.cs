using Belfry.Contracts.Executions;

namespace Belfry.Contracts.Pipelines;

/// <summary>One step of a run: its state and its current execution with attempts.</summary>
public sealed class PipelineRunStepResource
{
    public string? Id { get; set; }

    public List<string> DependsOn { get; set; } = [];

    /// <summary>PENDING, RUNNING, SUCCEEDED, FAILED, NOT_RUN or CANCELLED.</summary>
    public string? State { get; set; }

    /// <summary>Null until the step is dispatched; a resumed step gets a new execution.</summary>
    public ExecutionResource? Execution { get; set; }
}
