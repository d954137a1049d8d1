using System.Net;
using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dashboard;

/// <summary>
/// Who may use the pages under <c>/ui</c> (docs/dashboard.md, "Access"): a direct request from a loopback address, as
/// the admin API without a token trusts it (unless <see cref="DashboardOptions.OpenOnLoopback"/> is off); anyone else
/// only with the sign-in cookie, which the admin token buys at <c>/ui/signin</c>. A request through a proxy is never
/// direct. Anything else, a form post included, is sent to the sign-in page before a page runs, so nothing changes.
/// </summary>
internal sealed class DashboardAccessMiddleware(
    RequestDelegate next, DashboardSession session, IOptions<DashboardOptions> options, IOptions<RequestGuardOptions> guard)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!DashboardPaths.IsDashboard(path) || DashboardPaths.IsOpen(path) || IsOpenToCaller(context) || session.IsSignedIn(context.Request))
        {
            return next(context);
        }

        // 303: the browser follows with a GET, so a refused post is not replayed after signing in.
        var back = context.Request.Path + context.Request.QueryString;
        context.Response.StatusCode = HttpMethods.IsGet(context.Request.Method) ? StatusCodes.Status302Found : StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{DashboardPaths.SignIn}?returnUrl={Uri.EscapeDataString(back)}";
        return Task.CompletedTask;
    }

    private bool IsOpenToCaller(HttpContext context) =>
        options.Value.OpenOnLoopback && !guard.Value.TrustProxy &&
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) &&
        !RequestGuardMiddleware.IsForwarded(context.Request);
}
