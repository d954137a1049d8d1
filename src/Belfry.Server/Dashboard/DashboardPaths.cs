namespace Belfry.Server.Dashboard;

/// <summary>Where the dashboard lives: under <c>/ui</c>, with its sign-in page and assets.</summary>
internal static class DashboardPaths
{
    public const string Root = "/ui";
    public const string SignIn = "/ui/signin";
    public const string Styles = "/ui/dashboard.css";
    public const string Script = "/ui/live.js";

    public static bool IsDashboard(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>Pages and assets that need no sign-in: the sign-in page itself and what it links to.</summary>
    public static bool IsOpen(PathString path) =>
        path.StartsWithSegments(SignIn, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(Styles, StringComparison.OrdinalIgnoreCase) || path.Equals(Script, StringComparison.OrdinalIgnoreCase);

    /// <summary>A job's page: the base of the links notifications carry (<c>Belfry:DashboardUrl</c>).</summary>
    public static string Job(string project, string location, string jobId) =>
        $"{Root}/jobs/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(location)}/{Uri.EscapeDataString(jobId)}";
}
