using Belfry.Contracts.Channels;
using Belfry.Core.Notifications;

namespace Belfry.Server.Api.Channels;

/// <summary>
/// A stored channel to its wire form. Secrets appear only as the references they were given as
/// (<c>env:NAME</c>, <c>file:PATH</c>); a stored value shows as <c>webhookUrlSet</c>/<c>secretSet</c> alone.
/// </summary>
internal static class ChannelMapper
{
    public static ChannelResource ToResource(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new ChannelResource
        {
            Name = channel.Name.FullName,
            Type = ToWire(channel.Kind),
            DisplayName = channel.DisplayName.Length == 0 ? null : channel.DisplayName,
            WebhookUrl = channel.WebhookUrl.Reference,
            WebhookUrlSet = true,
            Secret = channel.SigningSecret?.Reference,
            SecretSet = channel.SigningSecret is not null,
            CreateTime = channel.CreateTime,
            UpdateTime = channel.UpdateTime,
        };
    }

    public static ChannelTypeWire ToWire(ChannelKind kind) => kind switch
    {
        ChannelKind.Discord => ChannelTypeWire.Discord,
        ChannelKind.Slack => ChannelTypeWire.Slack,
        _ => ChannelTypeWire.Webhook,
    };
}
