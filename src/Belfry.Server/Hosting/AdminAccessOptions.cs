namespace Belfry.Server.Hosting;

/// <summary>
/// The admin API's bearer token, from the <c>Belfry</c> section (docs/identity.md, "Admin API"). Give one of
/// <c>Belfry:AdminToken</c> (or the environment variable <c>BELFRY_ADMIN_TOKEN</c>) and <c>Belfry:AdminTokenFile</c>.
/// </summary>
internal sealed class AdminAccessOptions
{
    public const string SectionName = "Belfry";

    /// <summary>The environment variable the CLI sends and the server falls back to for <c>Belfry:AdminToken</c> (<see cref="EnvironmentFallbacks"/>).</summary>
    public const string EnvironmentVariable = "BELFRY_ADMIN_TOKEN";

    /// <summary>The token itself; surrounding whitespace is ignored.</summary>
    public string? AdminToken { get; set; }

    /// <summary>A file holding the token (<c>belfry serve --admin-token-file</c>); read once at start, whitespace trimmed.</summary>
    public string? AdminTokenFile { get; set; }
}
