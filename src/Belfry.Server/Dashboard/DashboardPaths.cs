namespace Belfry.Server.Dashboard;

/// <summary>Where the dashboard lives: under <c>/ui</c>, with its sign-in page and assets.</summary>
internal static class DashboardPaths
{
    public const string Root = "/ui";
    public const string SignIn = "/ui/signin";
    public const string Styles = "/ui/dashboard.css";
    public const string Script = "/ui/live.js";
    public const string Pipelines = "/ui/pipelines";
    public const string Nodes = "/ui/nodes";

    public static bool IsDashboard(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>Pages and assets that need no sign-in: the sign-in page itself and what it links to.</summary>
    public static bool IsOpen(PathString path) =>
        path.StartsWithSegments(SignIn, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(Styles, StringComparison.OrdinalIgnoreCase) || path.Equals(Script, StringComparison.OrdinalIgnoreCase);

    /// <summary>A job's page: the base of the links notifications carry (<c>Belfry:DashboardUrl</c>).</summary>
    public static string Job(string project, string location, string jobId) =>
        $"{Root}/jobs/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(location)}/{Uri.EscapeDataString(jobId)}";

    /// <summary>A pipeline's page: its definition and runs.</summary>
    public static string Pipeline(string project, string location, string pipelineId) =>
        $"{Root}/pipelines/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(location)}/{Uri.EscapeDataString(pipelineId)}";

    /// <summary>A pipeline run's page: the graph of its steps; pipeline notifications link here.</summary>
    public static string PipelineRun(string project, string location, string pipelineId, string runId) =>
        $"{Pipeline(project, location, pipelineId)}/runs/{Uri.EscapeDataString(runId)}";

    /// <summary>A pipeline step's page: the executions of its internal job, across runs.</summary>
    public static string PipelineStep(string project, string location, string pipelineId, string stepId) =>
        $"{Pipeline(project, location, pipelineId)}/steps/{Uri.EscapeDataString(stepId)}";

    /// <summary>The notifications page of a location: its channels and alert policies.</summary>
    public static string Notifications(string project, string location) =>
        $"{Root}/notifications?project={Uri.EscapeDataString(project)}&location={Uri.EscapeDataString(location)}";

    /// <summary>A channel's row on the notifications page (its element id is <c>channel-ID</c>).</summary>
    public static string Channel(string project, string location, string channelId) =>
        $"{Notifications(project, location)}#channel-{Uri.EscapeDataString(channelId)}";

    /// <summary>An alert policy's row on the notifications page: where alert.firing and alert.resolved messages link to.</summary>
    public static string Policy(string project, string location, string policyId) =>
        $"{Notifications(project, location)}#policy-{Uri.EscapeDataString(policyId)}";
}
