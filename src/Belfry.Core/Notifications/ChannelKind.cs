namespace Belfry.Core.Notifications;

/// <summary>The kinds of notification channel; the numbers are stored.</summary>
internal enum ChannelKind
{
    Discord = 1,
    Slack = 2,
    Webhook = 3,
}
