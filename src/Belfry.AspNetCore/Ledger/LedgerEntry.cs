namespace Belfry.AspNetCore.Ledger;

/// <summary>One <c>job_executions</c> row. Instants are UTC; <see cref="RunDate"/> is the local date in the job's zone.</summary>
internal sealed record LedgerEntry
{
    public required string JobId { get; init; }

    public required string JobName { get; init; }

    public required DateOnly RunDate { get; init; }

    public required string RunKey { get; init; }

    public required LedgerStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? ErrorMessage { get; init; }

    public long? RowCount { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public int? Attempt { get; init; }

    public long? SchedulerEpoch { get; init; }

    public required long Epoch { get; init; }

    public required string ClaimToken { get; init; }

    public required string Trigger { get; init; }

    public string? ExecutionId { get; init; }
}
