namespace Belfry.Contracts.Executions;

/// <summary>Belfry extension: one (job, scheduled time) and its attempts.</summary>
public sealed class ExecutionResource
{
    /// <summary><c>projects/…/jobs/{job}/executions/{id}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The scheduled (or manual trigger) time.</summary>
    public DateTimeOffset? ScheduleTime { get; set; }

    /// <summary>SCHEDULED, MANUAL or CATCH_UP.</summary>
    public string? Trigger { get; set; }

    /// <summary>PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, MISSED or CANCELLED.</summary>
    public string? State { get; set; }

    /// <summary>When the execution was recorded.</summary>
    public DateTimeOffset? CreateTime { get; set; }

    /// <summary>When the next attempt is due, while pending.</summary>
    public DateTimeOffset? NextAttemptTime { get; set; }

    /// <summary>When it became final.</summary>
    public DateTimeOffset? FinishTime { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int AttemptCount { get; set; }

    /// <summary>Fencing epoch sent to the target.</summary>
    public long Epoch { get; set; }

    /// <summary>Attempts, first to last.</summary>
    public List<AttemptResource> Attempts { get; set; } = [];
}
