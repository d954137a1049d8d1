using Belfry.Core.Notifications;

namespace Belfry.Notifications.Formatting;

/// <summary>The body for a channel kind, as UTF-8 JSON bytes.</summary>
internal static class NotificationFormatter
{
    public static byte[] Format(ChannelKind kind, Notification notification) => kind switch
    {
        ChannelKind.Discord => NotificationJson.ToUtf8(DiscordFormatter.Format(notification)),
        ChannelKind.Slack => NotificationJson.ToUtf8(SlackFormatter.Format(notification)),
        ChannelKind.Webhook => NotificationJson.ToUtf8(WebhookFormatter.Format(notification)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
    };
}
