using Belfry.Core.Notifications;

namespace Belfry.Notifications.Delivery;

/// <summary>
/// A resolved channel: its kind, the webhook URL (a secret: Discord's carries a token) and, for the generic webhook,
/// the HMAC secret. <see cref="ToString"/> never shows either secret.
/// </summary>
internal sealed record ChannelEndpoint(ChannelKind Kind, Uri WebhookUrl, string? SigningSecret)
{
    public override string ToString() => $"{Kind} channel (URL and secret redacted)";
}
