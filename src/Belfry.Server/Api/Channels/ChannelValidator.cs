using Belfry.Contracts.Channels;
using Belfry.Core.Notifications;
using Belfry.Notifications.Secrets;

namespace Belfry.Server.Api.Channels;

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

    public static ChannelSecret WebhookUrl(string? text, SecretScope scope)
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

        return InScope(secret, scope, "webhookUrl");
    }

    public static ChannelSecret? SigningSecret(string? text, ChannelKind kind, SecretScope scope)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (kind != ChannelKind.Webhook)
        {
            throw ApiException.InvalidArgument("secret: only WEBHOOK channels sign their requests; Discord and Slack URLs carry their own token.");
        }

        return ChannelSecret.TryParse(text, out var secret, out var error)
            ? InScope(secret, scope, "secret")
            : throw ApiException.InvalidArgument($"secret: {error}");
    }

    /// <summary>
    /// A reference the server would refuse to resolve is refused now, before it is stored (the relay and :test check
    /// again, in case the settings change). Lexical only: whether the file exists is not told.
    /// </summary>
    private static ChannelSecret InScope(ChannelSecret secret, SecretScope scope, string field) => secret.Source switch
    {
        SecretSource.Environment when !scope.AllowsVariable(secret.Value) =>
            throw ApiException.InvalidArgument($"{field}: {scope.VariableRefusal(secret.Value)}"),
        SecretSource.File when scope.PathOf(secret.Value) is null =>
            throw ApiException.InvalidArgument($"{field}: {scope.FileRefusal(secret.Value)}"),
        _ => secret,
    };
}
