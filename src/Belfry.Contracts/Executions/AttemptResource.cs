namespace Belfry.Contracts.Executions;

/// <summary>Belfry extension: one HTTP delivery.</summary>
public sealed class AttemptResource
{
    /// <summary>1, 2, … as sent in <c>X-Belfry-Attempt</c>.</summary>
    public int Number { get; set; }

    /// <summary>Fencing epoch of the attempt.</summary>
    public long Epoch { get; set; }

    /// <summary>When the request started.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>How long it took, e.g. <c>"0.012s"</c>.</summary>
    public string? Duration { get; set; }

    /// <summary>The final HTTP status, when an answer came.</summary>
    public int? StatusCode { get; set; }

    /// <summary>
    /// Why it failed: without an answer, why none came (timeout, connection refused); with one, its status message,
    /// the status and the start of the body, as Cloud Scheduler's log (<c>HTTP 500: boom: simulated failure</c>).
    /// </summary>
    public string? Error { get; set; }

    /// <summary>
    /// A failed answer's body: its first 4 kB of UTF-8 text, credentials redacted; absent for a success, a binary or
    /// empty body (docs/semantics.md, "Response excerpts").
    /// </summary>
    public string? ResponseExcerpt { get; set; }

    /// <summary>A failed answer's <c>Content-Type</c>, when it sent one.</summary>
    public string? ResponseContentType { get; set; }

    /// <summary>True on 2xx.</summary>
    public bool Succeeded { get; set; }
}
