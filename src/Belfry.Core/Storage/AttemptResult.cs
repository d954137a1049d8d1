using Belfry.Core.Executions;
using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// What one attempt did and what follows: <see cref="NextAttemptTime"/> set means a retry is due then;
/// null means the execution is final (succeeded, or failed after its last retry). <see cref="Error"/> is the attempt's
/// status message (<c>HTTP 500: boom</c>, or why no answer came); <see cref="Response"/> what a failed answer's body left.
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
    DateTimeOffset Now,
    ResponseExcerpt? Response = null);
