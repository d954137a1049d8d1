using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Hosting;

/// <summary>Settings of <c>belfry serve</c>, bound from the <c>Belfry</c> configuration section.</summary>
internal sealed class ServerOptions
{
    public const string SectionName = "Belfry";

    /// <summary>The environment variable <c>Belfry:Store</c> falls back to (<see cref="EnvironmentFallbacks"/>).</summary>
    public const string StoreEnvironmentVariable = "BELFRY_STORE";

    /// <summary>
    /// The PostgreSQL database of a cluster (<c>belfry serve --store</c>): an Npgsql connection string or a postgres://
    /// URL. Unset: the embedded SQLite store in <see cref="DataDirectory"/>. It may hold a password: never logged.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Where the embedded store lives (and the secrets directory's default); default <c>./.belfry</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".belfry";

    /// <summary>
    /// The dashboard's base URL (<c>Belfry:DashboardUrl</c>), used for links in notifications:
    /// <c>{DashboardUrl}/jobs/{project}/{location}/{job}/executions/{id}</c>, the dashboard's job page, and for an alert
    /// policy's messages its row on <c>{DashboardUrl}/notifications</c>. Optional; without it
    /// links go to this server's own dashboard, <c>{issuer}/ui</c> (the issuer is the server's URL unless <c>Belfry:Issuer</c> says otherwise).
    /// </summary>
    public string? DashboardUrl { get; set; }

    /// <summary>Locations listed by <c>GET /v1/projects/*/locations</c>; jobs may use any location id.</summary>
    public IList<string> Locations { get; } = ["local"];
}
