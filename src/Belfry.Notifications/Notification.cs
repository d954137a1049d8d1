using System.Text.Json.Nodes;

namespace Belfry.Notifications;

/// <summary>
/// One message, channel-neutral: what every formatter renders. <see cref="Id"/> is unique per message and channel
/// (receivers de-duplicate on it); <see cref="Data"/> is the event's structured part, which only the generic
/// webhook body carries (its top-level keys are merged into the body).
/// </summary>
internal sealed record Notification
{
    public required string Id { get; init; }

    /// <summary>Dotted event type, e.g. <c>execution.failed</c>.</summary>
    public required string Type { get; init; }

    public required NotificationTone Tone { get; init; }

    public required string Title { get; init; }

    /// <summary>Plain text.</summary>
    public required string Text { get; init; }

    /// <summary>
    /// Verbatim text shown after <see cref="Text"/> between <c>```</c> fences (a failure's status message and the start
    /// of the answer's body), or null. Formatters cut it, not the text, to the channel's limits, and keep the block closed.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>When the event happened (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>A link to more detail (the execution in the dashboard), or null.</summary>
    public string? Link { get; init; }

    public IReadOnlyList<NotificationField> Fields { get; init; } = [];

    public JsonObject? Data { get; init; }
}
