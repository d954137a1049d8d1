using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// What one attempt did and what follows: <see cref="NextAttemptTime"/> set means a retry is due then;
/// null means the execution is final (succeeded, or failed after its last retry).
/// </summary>
internal sealed record AttemptResult(
    string ExecutionId,
    JobName Job,
    int AttemptNumber,
    long Epoch,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    bool Succeeded,
    DateTimeOffset? NextAttemptTime,
    JobStatus JobStatus,
    DateTimeOffset Now);
