using System.Text.Json.Serialization;

namespace Belfry.Contracts.Channels;

/// <summary>Belfry extension: the kind of a notification channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChannelTypeWire>))]
public enum ChannelTypeWire
{
    /// <summary>Not set.</summary>
    [JsonStringEnumMemberName("TYPE_UNSPECIFIED")] Unspecified = 0,
    /// <summary>A Discord webhook (embeds).</summary>
    [JsonStringEnumMemberName("DISCORD")] Discord = 1,
    /// <summary>A Slack incoming webhook (blocks).</summary>
    [JsonStringEnumMemberName("SLACK")] Slack = 2,
    /// <summary>Any HTTP endpoint: Belfry's JSON body, optionally HMAC-SHA256 signed.</summary>
    [JsonStringEnumMemberName("WEBHOOK")] Webhook = 3,
}
