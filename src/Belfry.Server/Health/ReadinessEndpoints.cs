using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Health;

/// <summary>
/// <c>GET /readyz</c>: 200 <c>{"status":"ok"}</c> when every <see cref="IReadinessCheck"/> passes, else 503
/// <c>{"status":"unavailable","problems":{"store":"…"}}</c> (docs/operations.md, "Readiness"). Open like <c>/metrics</c>
/// (a load balancer's probe has no token) and behind the request guard; it says nothing a caller could not learn by
/// using the server.
/// </summary>
internal static class ReadinessEndpoints
{
    public const string Path = "/readyz";

    public static void MapReadiness(this IEndpointRouteBuilder routes) => routes.MapGet(Path, Ready);

    /// <summary>Whether <paramref name="path"/> is the readiness endpoint.</summary>
    public static bool IsReadiness(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    private static ContentHttpResult Ready(IEnumerable<IReadinessCheck> checks)
    {
        var problems = new JsonObject();
        foreach (var check in checks)
        {
            if (check.Problem is { } problem)
            {
                problems[check.Name] = problem;
            }
        }

        var body = problems.Count == 0
            ? new JsonObject { ["status"] = "ok" }
            : new JsonObject { ["status"] = "unavailable", ["problems"] = problems };
        return TypedResults.Content(
            body.ToJsonString(), "application/json", statusCode: problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
