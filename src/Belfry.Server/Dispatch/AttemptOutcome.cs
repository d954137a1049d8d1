using Belfry.Core.Executions;

namespace Belfry.Server.Dispatch;

/// <summary>
/// What one HTTP delivery produced: the final status code (after redirects) or the error without one. A failed answer
/// also has <see cref="Response"/>, what its body left, and <see cref="AnswerMessage"/>, its status message with the
/// body's start (<see cref="FailedAnswer"/>): stored and shown to operators, never logged or traced (STYLE: no bodies).
/// </summary>
internal sealed record AttemptOutcome(
    DateTimeOffset StartTime, TimeSpan Duration, int? StatusCode, string? Error, ResponseExcerpt? Response = null, string? AnswerMessage = null)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
