namespace Belfry.Contracts.Channels;

/// <summary>What <c>:test</c> did: one send, no retries, nothing queued.</summary>
public sealed class TestChannelResponse
{
    /// <summary>The receiver answered 2xx.</summary>
    public bool Delivered { get; set; }

    /// <summary>The receiver's status code, when it answered.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why it was not delivered.</summary>
    public string? Error { get; set; }

    /// <summary>The test message's id, sent as <c>X-Belfry-Event-Id</c>.</summary>
    public string? EventId { get; set; }
}
