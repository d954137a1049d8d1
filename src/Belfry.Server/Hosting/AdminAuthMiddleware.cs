using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;
using Belfry.Server.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Belfry.Server.Hosting;

/// <summary>
/// When an admin token is configured, every <c>/v1</c> request needs <c>Authorization: Bearer &lt;token&gt;</c>, else
/// 401 UNAUTHENTICATED before anything is read or changed. <c>/.well-known/*</c> stays open: targets verify tokens with it.
/// <c>/metrics</c> needs it only with <see cref="TelemetryOptions.MetricsRequireToken"/>.
/// </summary>
internal sealed class AdminAuthMiddleware(RequestDelegate next, AdminToken token, IOptions<TelemetryOptions> telemetry)
{
    private readonly bool _metricsNeedToken = telemetry.Value.MetricsRequireToken;

    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!token.IsRequired || !NeedsToken(context.Request.Path))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return RefuseAsync(context, "The admin API needs an 'Authorization: Bearer' header with the server's admin token (BELFRY_ADMIN_TOKEN).");
        }

        return token.Matches(header[BearerPrefix.Length..].Trim())
            ? next(context)
            : RefuseAsync(context, "The bearer token is not the server's admin token.");
    }

    private bool NeedsToken(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || (_metricsNeedToken && TelemetryServiceCollectionExtensions.IsMetrics(path));

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        var body = new ErrorResponse { Error = new ErrorBody { Code = 401, Message = message, Status = "UNAUTHENTICATED" } };
        return context.Response.WriteAsJsonAsync(body, BelfryJsonContext.Default.ErrorResponse);
    }
}
