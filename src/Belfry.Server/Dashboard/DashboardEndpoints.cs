using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Belfry.Server.Dashboard;

/// <summary>
/// The web dashboard under <c>/ui</c> (issue 16, docs/dashboard.md): Razor components rendered on the server, no
/// interactivity, every action a form post with an anti-forgery token, and a link from <c>/</c>.
/// </summary>
internal static class DashboardEndpoints
{
    public static void AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Project), "Belfry:Dashboard:Project must not be empty.")
            .ValidateOnStart();
        services.AddRazorComponents();
        services.TryAddSingleton<DashboardSession>();
        services.AddScoped<PipelineReader>();
        services.AddScoped<NodeReader>();
        services.AddScoped<DashboardReader>(sp => ActivatorUtilities.CreateInstance<DashboardReader>(sp, sp.GetRequiredService<Cluster.ClusterClock>()));
        services.AddScoped<NotificationsReader>();
    }

    /// <summary>After the admin token check; the access check and anti-forgery run before any page.</summary>
    public static void MapDashboard(this WebApplication app)
    {
        app.UseMiddleware<DashboardAccessMiddleware>();
        app.UseAntiforgery();
        app.MapGet(DashboardPaths.Styles, () => Results.Text(DashboardAssets.Styles, "text/css; charset=utf-8"));
        app.MapGet(DashboardPaths.Script, () => Results.Text(DashboardAssets.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/", () => Results.Content(
            $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Belfry</title><link rel="icon" href="data:,"></head><body><p>Belfry is running. <a href="{DashboardPaths.Root}">Open the dashboard</a>, or use the API under /v1.</p></body></html>""",
            "text/html; charset=utf-8"));
        app.MapRazorComponents<App>();
    }
}
