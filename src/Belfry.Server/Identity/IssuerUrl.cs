using System.Net;
using Belfry.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Identity;

/// <summary>
/// The issuer, <c>iss</c>: <c>Belfry:Issuer</c> when set, else the server's own base URL from the first address it
/// listens on (<c>http://127.0.0.1:8085</c>; the bound port when it was 0; the machine's host name for a wildcard
/// such as 0.0.0.0). Behind a proxy, or when targets reach the server by another name, set it.
/// </summary>
internal sealed class IssuerUrl(IOptions<IssuerOptions> options, IServer server, IConfiguration configuration)
{
    // A reference, so a reader never sees one address with another's issuer.
    private Tuple<string, string>? _derived;

    public string Value => Normalize(options.Value.Issuer) ?? Derive();

    /// <summary>Whether <paramref name="configured"/> is usable as <c>Belfry:Issuer</c> (unset is).</summary>
    public static bool IsValid(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ||
        (Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
         string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo));

    /// <summary>The base URL a listen address stands for: scheme, host and port, no trailing slash.</summary>
    public static string FromListenAddress(string address, Func<string> hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var binding = BindingAddress.Parse(address);
        var host = binding.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" ? hostName() : binding.Host;
        var defaultPort = binding.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        return binding.Port == defaultPort ? $"{binding.Scheme}://{host}" : $"{binding.Scheme}://{host}:{binding.Port}";
    }

    private static string? Normalize(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? null : configured.Trim().TrimEnd('/');

    private string Derive()
    {
        var address = ListenAddresses.First(server, configuration);
        if (_derived is { } derived && derived.Item1 == address)
        {
            return derived.Item2;
        }

        var issuer = FromListenAddress(address, Dns.GetHostName);
        _derived = Tuple.Create(address, issuer);
        return issuer;
    }
}
