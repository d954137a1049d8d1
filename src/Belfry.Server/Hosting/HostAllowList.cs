using System.Net;

namespace Belfry.Server.Hosting;

/// <summary>
/// The <c>Host</c> names the admin API answers to, so a page on a rebound DNS name (<c>evil.example</c> resolving to
/// 127.0.0.1) cannot read or drive it. Allowed: <c>localhost</c>; loopback addresses; the hosts the server listens on
/// (any address when it listens on a wildcard); the hosts of its issuer and dashboard URLs; and configured names. A
/// DNS rebinding attack needs a name of the attacker's, so a literal address is only refused when the server cannot
/// be listening on it. Ports are not compared: they do not change which site a browser thinks it talks to.
/// </summary>
internal sealed class HostAllowList
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase) { "localhost" };
    private readonly List<string> _suffixes = [];
    private readonly HashSet<IPAddress> _addresses = [];
    private readonly bool _anyHost;
    private bool _anyAddress;

    public HostAllowList(IEnumerable<string> configured, IEnumerable<string> listenAddresses, IEnumerable<string?> ownUrls)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(listenAddresses);
        ArgumentNullException.ThrowIfNull(ownUrls);
        foreach (var entry in configured)
        {
            var host = entry.Trim();
            if (host == "*")
            {
                _anyHost = true;
            }
            else if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(host[1..]);
            }
            else if (host.Length > 0)
            {
                Add(host);
            }
        }

        foreach (var address in listenAddresses)
        {
            if (ListenHost(address) is { } host)
            {
                Add(host);
            }
        }

        foreach (var url in ownUrls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                Add(uri.Host);
            }
        }
    }

    /// <summary>Whether a request for <paramref name="host"/> (a <c>Host</c> header without its port) is for this server.</summary>
    public bool Allows(string host)
    {
        if (_anyHost)
        {
            return true;
        }

        if (TryParseAddress(host, out var address))
        {
            return IPAddress.IsLoopback(address) || _anyAddress || _addresses.Contains(address);
        }

        return _names.Contains(host) || _suffixes.Exists(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    private void Add(string host)
    {
        if (TryParseAddress(host, out var address))
        {
            _addresses.Add(address);
        }
        else
        {
            _names.Add(host);
        }
    }

    // Kestrel's wildcards (*, +, 0.0.0.0, [::]) and host names other than localhost all bind every interface.
    private string? ListenHost(string address)
    {
        if (ListenAddresses.Parse(address) is not { IsUnixPipe: false } binding)
        {
            return null;
        }

        var host = binding.Host;
        if (host is "*" or "+" || (TryParseAddress(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))))
        {
            _anyAddress = true;
            return null;
        }

        if (!TryParseAddress(host, out _) && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            _anyAddress = true;
        }

        return host;
    }

    private static bool TryParseAddress(string host, out IPAddress address) =>
        IPAddress.TryParse(host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, out address!);
}
