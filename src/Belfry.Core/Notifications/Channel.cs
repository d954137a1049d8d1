namespace Belfry.Core.Notifications;

/// <summary>
/// A notification channel: where messages go (a Discord or Slack webhook, or any HTTP endpoint) and how to sign
/// them (<see cref="SigningSecret"/>, generic webhooks only). Both secrets are references or stored values.
/// </summary>
internal sealed record Channel
{
    public required ChannelName Name { get; init; }

    public required ChannelKind Kind { get; init; }

    public string DisplayName { get; init; } = "";

    public required ChannelSecret WebhookUrl { get; init; }

    public ChannelSecret? SigningSecret { get; init; }

    public DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset UpdateTime { get; init; }
}
