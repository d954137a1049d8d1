using System.Net;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Egress;

/// <summary>
/// Decides whether a connection to one resolved address may be made (docs/security.md, "Egress"). In order: the
/// server's own endpoints are refused; then <c>Deny</c> (addresses or host names); an address on <c>Allow</c> is
/// allowed; link-local and metadata addresses are refused; with <c>Allow</c> set, anything it does not name is refused.
/// Loopback and private ranges are allowed by default: self-hosted targets live there. Parsed once; a check allocates nothing.
/// </summary>
internal sealed class EgressPolicy
{
    // 169.254.169.254 (AWS, GCP, Azure, …) is inside 169.254.0.0/16; fd00:ec2::254 is AWS's IPv6 metadata address.
    private static readonly IPNetwork[] DefaultDenied =
        [IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fd00:ec2::254/128")];

    private readonly EgressEntry[] _allow;
    private readonly EgressEntry[] _deny;
    private readonly Func<ListenEndpoints> _own;

    public EgressPolicy(IOptions<EgressOptions> options, ServerEndpoints own)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, (own ?? throw new ArgumentNullException(nameof(own))).Current)
    {
    }

    /// <param name="options">The lists, already validated.</param>
    /// <param name="own">The server's listen endpoints as of now (they are known only after binding).</param>
    internal EgressPolicy(EgressOptions options, Func<ListenEndpoints> own)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allow = Parse(options.Allow);
        _deny = Parse(options.Deny);
        _own = own;
    }

    public EgressVerdict Check(string host, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = EgressEntry.Normalize(address);
        if (_own().Contains(address, port))
        {
            return EgressVerdict.OwnEndpoint;
        }

        if (Matches(_deny, host, address))
        {
            return EgressVerdict.Denied;
        }

        if (InRange(_allow, address))
        {
            return EgressVerdict.Allowed;
        }

        foreach (var range in DefaultDenied)
        {
            if (range.Contains(address))
            {
                return EgressVerdict.LinkLocalOrMetadata;
            }
        }

        return _allow.Length == 0 || Matches(_allow, host, address) ? EgressVerdict.Allowed : EgressVerdict.NotAllowed;
    }

    /// <summary>
    /// The refusal for a URL whose host is a literal IP address, for the API to answer 400 at once; null for a host
    /// name or an allowed address. Only a convenience: the connect-time check is the guard.
    /// </summary>
    public string? RefusalOfLiteral(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.IdnHost.AsSpan().Trim("[]"), out var address))
        {
            return null;
        }

        var verdict = Check(uri.IdnHost, address, uri.Port);
        return verdict == EgressVerdict.Allowed ? null : Reason(verdict);
    }

    /// <summary>The reason stored on the attempt and shown by a channel's <c>:test</c>; it names neither host nor address.</summary>
    public static string Reason(EgressVerdict verdict) => verdict switch
    {
        EgressVerdict.Denied => "egress denied: the address is in a denied range",
        EgressVerdict.NotAllowed => "egress denied: the address is not in an allowed range",
        EgressVerdict.LinkLocalOrMetadata => "egress denied: link-local and cloud metadata addresses are denied",
        EgressVerdict.OwnEndpoint => "egress denied: the address is this server's own endpoint",
        _ => "egress allowed",
    };

    private static bool Matches(EgressEntry[] entries, string host, IPAddress address)
    {
        foreach (var entry in entries)
        {
            if (entry.Range is { } range ? range.Contains(address) : entry.MatchesHost(host))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(EgressEntry[] entries, IPAddress address)
    {
        foreach (var entry in entries)
        {
            if (entry.Range is { } range && range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    // Validated at start-up (EgressOptionsValidator), so a bad entry never gets here.
    private static EgressEntry[] Parse(IList<string> texts) =>
        [.. texts.Select(text => EgressEntry.TryParse(text, out var entry, out var error) ? entry : throw new InvalidOperationException(error))];
}
