namespace Belfry.Notifications;

/// <summary>Where a notification goes, and so how its body is shaped.</summary>
internal enum NotificationChannelKind
{
    /// <summary>A Discord webhook: one embed.</summary>
    Discord = 1,

    /// <summary>A Slack incoming webhook: Block Kit blocks.</summary>
    Slack = 2,

    /// <summary>Any HTTP endpoint: Belfry's documented JSON body, optionally HMAC-signed.</summary>
    Webhook = 3,
}
