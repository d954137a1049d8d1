namespace Belfry.Core.Reports;

/// <summary>What a report or an export says a failed execution failed of: its last attempt's error, else its HTTP answer.</summary>
internal static class FailureMessage
{
    /// <summary>The error, or <c>HTTP 503</c> when the target answered (an answer records a status code and no error text).</summary>
    public static string Of(int? statusCode, string? error) => error ?? (statusCode is { } code ? $"HTTP {code}" : "failed");
}
