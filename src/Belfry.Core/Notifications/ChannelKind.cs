namespace Belfry.Core.Notifications;

/// <summary>
/// The kinds of notification channel; the numbers are stored. The one domain enum: the sender and formatters use it as
/// well; only the wire (Contracts' ChannelTypeWire, with its JSON names) has its own.
/// </summary>
internal enum ChannelKind
{
    /// <summary>A Discord webhook: one embed.</summary>
    Discord = 1,

    /// <summary>A Slack incoming webhook: Block Kit blocks.</summary>
    Slack = 2,

    /// <summary>Any HTTP endpoint: Belfry's documented JSON body, optionally HMAC-signed.</summary>
    Webhook = 3,
}
