using Belfry.Contracts.Executions;

namespace Belfry.Contracts.Pipelines;

/// <summary>One step of a run: its state, its current execution with attempts, and every execution it was given.</summary>
public sealed class PipelineRunStepResource
{
    public string? Id { get; set; }

    public List<string> DependsOn { get; set; } = [];

    /// <summary>PENDING, RUNNING, SUCCEEDED, FAILED, NOT_RUN or CANCELLED.</summary>
    public string? State { get; set; }

    /// <summary>Null until the step is dispatched; a resumed step gets a new execution.</summary>
    public ExecutionResource? Execution { get; set; }

    /// <summary>
    /// Belfry: every execution of this step in the run, oldest first, with attempts: those that failed before a resume,
    /// then the current one (the same as <see cref="Execution"/>). Absent until the step is dispatched.
    /// </summary>
    public List<ExecutionResource>? Executions { get; set; }
}
