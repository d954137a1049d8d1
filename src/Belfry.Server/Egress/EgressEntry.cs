using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Belfry.Server.Egress;

/// <summary>One parsed entry of <see cref="EgressOptions"/>: an address range, or a host name (exact or <c>*.domain</c>).</summary>
internal readonly record struct EgressEntry(IPNetwork? Range, string? Host, bool IsWildcard)
{
    public static bool TryParse(string text, out EgressEntry entry, [NotNullWhen(false)] out string? error)
    {
        entry = default;
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "an entry is empty.";
            return false;
        }

        var unbracketed = value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : value;
        if (IPAddress.TryParse(unbracketed, out var address))
        {
            address = Normalize(address);
            entry = new EgressEntry(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128), null, false);
            error = null;
            return true;
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            // Bits past the prefix are refused rather than masked: 10.0.0.1/8 is more likely a typo than all of 10/8.
            if (IPNetwork.TryParse(value, out var range) &&
                IPAddress.TryParse(value.AsSpan(0, value.IndexOf('/', StringComparison.Ordinal)), out var written) &&
                range.BaseAddress.Equals(written))
            {
                entry = new EgressEntry(range, null, false);
                error = null;
                return true;
            }

            error = $"\"{value}\" is not a CIDR range: write the network address with no bits set past the prefix (10.0.0.0/8, fd00::/8).";
            return false;
        }

        var wildcard = value.StartsWith("*.", StringComparison.Ordinal);
        var name = (wildcard ? value[2..] : value).TrimEnd('.');
        if (Uri.CheckHostName(name) != UriHostNameType.Dns)
        {
            error = $"\"{value}\" is neither an IP address, a CIDR range (10.0.0.0/8), a host name nor *.domain.";
            return false;
        }

        entry = new EgressEntry(null, name, wildcard);
        error = null;
        return true;
    }

    /// <summary>True when this host entry names <paramref name="host"/> (a wildcard matches subdomains only).</summary>
    public bool MatchesHost(ReadOnlySpan<char> host)
    {
        if (Host is null)
        {
            return false;
        }

        host = host.TrimEnd('.');
        if (!IsWildcard)
        {
            return host.Equals(Host, StringComparison.OrdinalIgnoreCase);
        }

        return host.Length > Host.Length + 1 && host[^(Host.Length + 1)] == '.' && host.EndsWith(Host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>IPv4 addresses written as IPv6 (<c>::ffff:169.254.169.254</c>) are checked as the IPv4 they are.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
