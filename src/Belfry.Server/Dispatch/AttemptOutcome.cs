namespace Belfry.Server.Dispatch;

/// <summary>What one HTTP delivery produced: the final status code (after redirects) or the error without one.</summary>
internal sealed record AttemptOutcome(DateTimeOffset StartTime, TimeSpan Duration, int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
