namespace Belfry.Server.Identity;

/// <summary>The OIDC issuer's settings, bound from the <c>Belfry</c> configuration section (docs/identity.md).</summary>
internal sealed class IssuerOptions
{
    public const string SectionName = "Belfry";

    /// <summary>
    /// The <c>iss</c> of every token and the base of the discovery URLs (<c>belfry serve --issuer URL</c>): an
    /// absolute http:// or https:// URL without query or fragment; a trailing slash is dropped. Default: the
    /// server's own URL, from the address it listens on (<see cref="IssuerUrl"/>).
    /// </summary>
    public string? Issuer { get; set; }
}
