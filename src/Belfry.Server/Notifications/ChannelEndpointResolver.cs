using Belfry.Core.Notifications;
using Belfry.Notifications.Delivery;
using Belfry.Notifications.Secrets;

namespace Belfry.Server.Notifications;

/// <summary>
/// A stored channel → where to send: references are resolved now, in the server's environment (so a rotated
/// variable or file takes effect without touching the channel). Throws <see cref="SecretUnavailableException"/>,
/// naming the reference and never a value, when a secret cannot be had or the URL is not an absolute http(s) URL.
/// </summary>
internal sealed class ChannelEndpointResolver(SecretResolver secrets)
{
    public ChannelEndpoint Resolve(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var url = Value(channel.WebhookUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new SecretUnavailableException($"The webhook URL of channel {channel.Name.ChannelId} ({channel.WebhookUrl}) is not an absolute http:// or https:// URL.");
        }

        var secret = channel.SigningSecret is { } signing ? Value(signing) : null;
        return new ChannelEndpoint(channel.Kind, uri, secret);
    }

    private string Value(ChannelSecret secret) => secret.Source switch
    {
        SecretSource.Environment => secrets.FromEnvironment(secret.Value),
        SecretSource.File => secrets.FromFile(secret.Value),
        _ => secret.Value,
    };
}
