using Belfry.Server.Api;
using Belfry.Server.Dashboard;
using Belfry.Server.Health;
using Belfry.Server.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Belfry.Server.Hosting;

/// <summary>
/// Keeps web pages and proxies from driving the admin API (<c>/v1</c>) or reading <c>/metrics</c>, before anything is read or changed
/// (docs/security.md, "The admin API and browsers"). A page the developer visits can send requests to 127.0.0.1, and
/// with DNS rebinding read the answers; a reverse proxy on the same host turns remote callers into local ones. So:
/// <list type="number">
/// <item>a <c>Host</c> this server does not answer to is refused (DNS rebinding);</item>
/// <item>a cross-site <c>Origin</c> or <c>Sec-Fetch-Site</c> is refused unless the origin is allowed;</item>
/// <item>a state-changing request whose body is not <c>application/json</c> is refused with 415 (a form or
/// <c>text/plain</c> post needs no CORS preflight, JSON does);</item>
/// <item>a request that came through a proxy is remote: without an admin token it is refused.</item>
/// </list>
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, IOptions<RequestGuardOptions> options, HostAllowList hosts, AdminToken token)
{
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via"];

    private readonly RequestGuardOptions _options = options.Value;
    private readonly HashSet<string> _origins = new(options.Value.AllowedOrigins.Select(o => o.Trim().TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        // /metrics too: a page using DNS rebinding must not read job ids off a loopback server; /readyz likewise, and the
        // dashboard's pages, whose forms are posts the browser makes with a same-origin Origin and an anti-forgery token.
        var path = context.Request.Path;
        var dashboard = DashboardPaths.IsDashboard(path);
        if (!dashboard && !path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) && !TelemetryServiceCollectionExtensions.IsMetrics(path) && !ReadinessEndpoints.IsReadiness(path))
        {
            return next(context);
        }

        var refusal = Refusal(context.Request, formsAllowed: dashboard);
        return refusal is null ? next(context) : ApiErrorMiddleware.WriteAsync(context, refusal.Value.Code, refusal.Value.Status, refusal.Value.Message);
    }

    /// <summary>Whether a proxy says it forwarded <paramref name="request"/>: then the caller is not who connected.</summary>
    public static bool IsForwarded(HttpRequest request) => Array.Exists(ForwardingHeaders, h => request.Headers.ContainsKey(h));

    private (int Code, string Status, string Message)? Refusal(HttpRequest request, bool formsAllowed)
    {
        var forwardedBy = Array.Find(ForwardingHeaders, h => request.Headers.ContainsKey(h));
        if (forwardedBy is not null && !token.IsRequired)
        {
            return Forbidden(
                $"This request came through a proxy ({forwardedBy}); without an admin token the admin API serves direct local callers only. " +
                "Set BELFRY_ADMIN_TOKEN (or --admin-token-file) and, behind a reverse proxy, pass --trust-proxy.");
        }

        var host = EffectiveHost(request);
        if (!hosts.Allows(host.Host))
        {
            return Forbidden(
                $"The Host \"{host.Host}\" is not a name this server answers to; add it with --allowed-hosts (Belfry:AllowedHosts).");
        }

        var origin = request.Headers.Origin.ToString();
        var allowedOrigin = origin.Length > 0 && _origins.Contains(origin);
        if (origin.Length > 0 && !allowedOrigin && !IsSameOrigin(origin, host))
        {
            return Forbidden(
                $"Requests from the web page at {origin} are refused; allow the origin with --allowed-origins (Belfry:AllowedOrigins).");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (!allowedOrigin && (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase)))
        {
            return Forbidden("Requests from another site's web page are refused; allow its origin with --allowed-origins (Belfry:AllowedOrigins).");
        }

        return !formsAllowed && ChangesState(request.Method) && !HasJsonBodyOrNone(request)
            ? (StatusCodes.Status415UnsupportedMediaType, "INVALID_ARGUMENT",
                $"The request body must be JSON: send Content-Type: application/json (got \"{request.ContentType}\").")
            : null;
    }

    private HostString EffectiveHost(HttpRequest request)
    {
        if (_options.TrustProxy && request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } forwarded)
        {
            // The first entry is the one the client asked for; later ones were added by further proxies.
            return new HostString(forwarded.Split(',')[0].Trim());
        }

        return request.Host;
    }

    private static bool IsSameOrigin(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" &&
        string.Equals(uri.Host, host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) &&
        uri.Port == (host.Port ?? (uri.Scheme == "https" ? 443 : 80));

    private static bool ChangesState(string method) =>
        !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method);

    // No body at all (a DELETE, curl -X POST) needs no type; any body, or any type, must be JSON.
    private static bool HasJsonBodyOrNone(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return request.ContentLength is null or 0 && !request.Headers.ContainsKey(HeaderNames.TransferEncoding);
        }

        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type) &&
            type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static (int, string, string) Forbidden(string message) => (StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message);
}
