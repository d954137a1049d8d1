namespace Belfry.Server.Hosting;

/// <summary>
/// Who may reach the admin API besides a direct local caller (docs/security.md, "The admin API and browsers"), bound
/// from the <c>Belfry</c> section. The defaults suit a local emulator: only the names the server listens on, no
/// browser origins, no proxy.
/// </summary>
internal sealed class RequestGuardOptions
{
    public const string SectionName = "Belfry";

    /// <summary>
    /// More <c>Host</c> names the admin API answers to (<c>belfry serve --allowed-hosts</c>), beyond <c>localhost</c>,
    /// loopback addresses, the listen addresses and the hosts of <c>Belfry:Issuer</c> and <c>Belfry:DashboardUrl</c>.
    /// <c>*.example.com</c> allows subdomains; <c>*</c> turns the check off.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>
    /// Browser origins (<c>https://console.example</c>) allowed to call the admin API, with CORS headers for them
    /// (<c>belfry serve --allowed-origins</c>). Empty by default: no CORS headers and every cross-site request refused.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// A reverse proxy on this machine forwards to the server (<c>belfry serve --trust-proxy</c>): its
    /// <c>X-Forwarded-Host</c> is the host that the host and origin checks see. Needs an admin token, since every
    /// forwarded request is a remote one.
    /// </summary>
    public bool TrustProxy { get; set; }
}
