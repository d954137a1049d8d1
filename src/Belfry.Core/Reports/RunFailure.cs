namespace Belfry.Core.Reports;

/// <summary>A failed execution as a report names it: when it finished, and its last attempt's HTTP status and error.</summary>
internal sealed record RunFailure(DateTimeOffset FinishTime, int? StatusCode, string? Error)
{
    /// <summary>The error, or the HTTP status when the target answered (an answer records no error text).</summary>
    public string Message => Error ?? (StatusCode is { } code ? $"HTTP {code}" : "failed");
}
