namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// Every answer of a batch endpoint: <c>status</c> is one of succeeded, skipped, running, waiting, failed,
/// unauthorized, forbidden, bad_request, unavailable; the other fields appear when they apply. Never a stack trace,
/// never the token.
/// </summary>
internal sealed record BatchResponse(string Status)
{
    public string? RunKey { get; init; }

    public long? Rows { get; init; }

    public string? Error { get; init; }

    public string? WaitingFor { get; init; }

    public string? Reason { get; init; }
}
