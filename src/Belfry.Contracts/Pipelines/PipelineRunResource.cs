namespace Belfry.Contracts.Pipelines;

/// <summary>One run of a pipeline (<c>…/pipelines/{pipeline}/runs/{run}</c>).</summary>
public sealed class PipelineRunResource
{
    public string? Name { get; set; }

    /// <summary>What every step receives as <c>X-CloudScheduler-ScheduleTime</c>.</summary>
    public DateTimeOffset? ScheduleTime { get; set; }

    /// <summary>SCHEDULED, MANUAL or CATCH_UP.</summary>
    public string? Trigger { get; set; }

    /// <summary>RUNNING, SUCCEEDED, FAILED or CANCELLED.</summary>
    public string? State { get; set; }

    public DateTimeOffset? CreateTime { get; set; }

    public DateTimeOffset? FinishTime { get; set; }

    /// <summary>In dependency order.</summary>
    public List<PipelineRunStepResource> Steps { get; set; } = [];
}
