using Belfry.Core.Jobs;

namespace Belfry.Core.Executions;

/// <summary>One (job, scheduled time): delivered by one or more attempts, at least once.</summary>
internal sealed record Execution
{
    public required string Id { get; init; }

    public required JobName Job { get; init; }

    public required DateTimeOffset ScheduleTime { get; init; }

    public required ExecutionTrigger Trigger { get; init; }

    public required ExecutionState State { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    /// <summary>When the next attempt is due; null once final.</summary>
    public DateTimeOffset? NextAttemptTime { get; init; }

    public DateTimeOffset? FirstAttemptTime { get; init; }

    public DateTimeOffset? FinishTime { get; init; }

    public int AttemptCount { get; init; }

    /// <summary>Fencing epoch: raised each time a lease is taken over, sent to the target.</summary>
    public long Epoch { get; init; }

    public int? LastStatusCode { get; init; }

    public string? LastError { get; init; }

    public IReadOnlyList<Attempt> Attempts { get; init; } = [];
}
