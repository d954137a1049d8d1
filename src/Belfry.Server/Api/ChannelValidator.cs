using Belfry.Contracts.Channels;
using Belfry.Core.Notifications;

namespace Belfry.Server.Api;

/// <summary>
/// Checks a channel's fields. Messages name the field and the reference form, but never repeat a value that may be
/// a secret (a webhook URL carries a token).
/// </summary>
internal static class ChannelValidator
{
    public const int MaxDisplayNameLength = 500;
    private const int MaxUrlLength = 2083;

    public static ChannelKind Kind(ChannelTypeWire? type) => type switch
    {
        ChannelTypeWire.Discord => ChannelKind.Discord,
        ChannelTypeWire.Slack => ChannelKind.Slack,
        ChannelTypeWire.Webhook => ChannelKind.Webhook,
        null or ChannelTypeWire.Unspecified => throw ApiException.InvalidArgument("type: required: DISCORD, SLACK or WEBHOOK."),
        _ => throw ApiException.InvalidArgument($"type: unknown value {(int)type}."),
    };

    public static string DisplayName(string? displayName)
    {
        var text = displayName ?? "";
        return text.Length > MaxDisplayNameLength
            ? throw ApiException.InvalidArgument($"displayName: at most {MaxDisplayNameLength} characters, got {text.Length}.")
            : text;
    }

    public static ChannelSecret WebhookUrl(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw ApiException.InvalidArgument("webhookUrl: required: env:NAME (a variable of the server's environment), file:PATH, or the URL itself.");
        }

        if (!ChannelSecret.TryParse(text, out var secret, out var error))
        {
            throw ApiException.InvalidArgument($"webhookUrl: {error}");
        }

        if (secret.Source == SecretSource.Stored &&
            (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
             (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host)))
        {
            // The value is not repeated: it may be a webhook URL with a token in it.
            throw ApiException.InvalidArgument(
                $"webhookUrl: must be env:NAME, file:PATH, or an absolute http:// or https:// URL of at most {MaxUrlLength} characters.");
        }

        return secret;
    }

    public static ChannelSecret? SigningSecret(string? text, ChannelKind kind)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (kind != ChannelKind.Webhook)
        {
            throw ApiException.InvalidArgument("secret: only WEBHOOK channels sign their requests; Discord and Slack URLs carry their own token.");
        }

        return ChannelSecret.TryParse(text, out var secret, out var error) ? secret : throw ApiException.InvalidArgument($"secret: {error}");
    }
}
