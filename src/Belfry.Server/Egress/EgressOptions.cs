namespace Belfry.Server.Egress;

/// <summary>
/// Where job targets, pipeline steps and notification channels may connect (section <c>Belfry:Egress</c>;
/// docs/security.md, "Egress"). Each entry is an IP address, a CIDR range (<c>10.0.0.0/8</c>, <c>fd00::/8</c>), a
/// host name (<c>metadata.example</c>) or a domain wildcard (<c>*.internal</c>). Checked on the address actually
/// connected to, after DNS, by <see cref="EgressConnector"/>.
/// </summary>
internal sealed class EgressOptions
{
    public const string SectionName = "Belfry:Egress";

    /// <summary>
    /// When not empty, only these may be reached; an address listed here also lifts the built-in denial of
    /// link-local and metadata addresses. Empty (the default) allows everything not denied.
    /// </summary>
    public IList<string> Allow { get; } = [];

    /// <summary>Never reached, whatever <see cref="Allow"/> says. Added to the built-in denials.</summary>
    public IList<string> Deny { get; } = [];
}
