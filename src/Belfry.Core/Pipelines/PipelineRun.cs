using Belfry.Core.Executions;

namespace Belfry.Core.Pipelines;

/// <summary>One run of a pipeline: its schedule time (what every step is sent), its state and its steps' states.</summary>
internal sealed record PipelineRun
{
    public required string Id { get; init; }

    public required PipelineName Pipeline { get; init; }

    public required DateTimeOffset ScheduleTime { get; init; }

    public required ExecutionTrigger Trigger { get; init; }

    public required PipelineRunState State { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset? FinishTime { get; init; }

    /// <summary>The steps in dependency order.</summary>
    public IReadOnlyList<PipelineRunStep> Steps { get; init; } = [];
}
