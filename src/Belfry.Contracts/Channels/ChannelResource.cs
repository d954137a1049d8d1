namespace Belfry.Contracts.Channels;

/// <summary>
/// Belfry extension: a notification channel, <c>projects/*/locations/*/channels/*</c>. Secrets are given as
/// <c>env:NAME</c> or <c>file:PATH</c> references, resolved by the server when it sends, or as values that are stored
/// and never returned: an answer shows a reference as given, and only <see cref="WebhookUrlSet"/> /
/// <see cref="SecretSet"/> for a stored value.
/// </summary>
public sealed class ChannelResource
{
    /// <summary><c>projects/{project}/locations/{location}/channels/{channel}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>DISCORD, SLACK or WEBHOOK; required on create.</summary>
    public ChannelTypeWire? Type { get; set; }

    /// <summary>Free text, at most 500 characters.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Input: <c>env:NAME</c>, <c>file:PATH</c> or an http(s) URL. Output: the reference, or absent for a stored URL.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Output only: a webhook URL is configured (true whenever the channel exists).</summary>
    public bool? WebhookUrlSet { get; set; }

    /// <summary>
    /// WEBHOOK only: the HMAC-SHA256 key for <c>X-Belfry-Signature-256</c>. Input: <c>env:NAME</c>, <c>file:PATH</c>
    /// or a value. Output: the reference, or absent for a stored value.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Output only: requests are signed.</summary>
    public bool? SecretSet { get; set; }

    /// <summary>Output only.</summary>
    public DateTimeOffset? CreateTime { get; set; }

    /// <summary>Output only.</summary>
    public DateTimeOffset? UpdateTime { get; set; }
}
