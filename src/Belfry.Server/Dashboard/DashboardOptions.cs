namespace Belfry.Server.Dashboard;

/// <summary>The web dashboard's settings, bound from <c>Belfry:Dashboard</c> (docs/dashboard.md).</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "Belfry:Dashboard";

    /// <summary>
    /// Whether a direct request from a loopback address may use the pages without signing in (default true): the same
    /// trust the admin API gives loopback callers when no token is set. Off, every request needs the admin token's
    /// sign-in cookie, as one from another machine does; tests turn it off to stand for a remote browser.
    /// </summary>
    public bool OpenOnLoopback { get; set; } = true;

    /// <summary>The project the pages show (<c>Belfry:Dashboard:Project</c>), as the CLI's default; a <c>?project=</c> query overrides it.</summary>
    public string Project { get; set; } = "default";
}
