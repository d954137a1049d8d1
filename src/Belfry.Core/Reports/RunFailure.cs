namespace Belfry.Core.Reports;

/// <summary>A failed execution as a report names it: when it finished, and its last attempt's HTTP status and error.</summary>
internal sealed record RunFailure(DateTimeOffset FinishTime, int? StatusCode, string? Error)
{
    public string Message => FailureMessage.Of(StatusCode, Error);
}
