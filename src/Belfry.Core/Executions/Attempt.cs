namespace Belfry.Core.Executions;

/// <summary>
/// One HTTP delivery of an execution: its start, duration, and status code or error; for a failed answer, what it
/// kept of the body (<see cref="ResponseExcerpt"/>).
/// </summary>
internal sealed record Attempt(
    int Number,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    bool Succeeded,
    long Epoch,
    ResponseExcerpt? Response = null);
