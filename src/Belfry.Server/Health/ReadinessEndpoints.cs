using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Health;

/// <summary>
/// <c>GET /readyz</c>: 200 <c>{"status":"ok"}</c> when every <see cref="IReadinessCheck"/> passes (the store takes writes,
/// answers a query, has its migrations, and the dispatcher runs), else 503
/// <c>{"status":"unavailable","problems":{"store":"…"}}</c> (docs/operations.md, "Monitoring"). Open like <c>/metrics</c>
/// (a load balancer's probe has no token) and behind the request guard; it says nothing a caller could not learn by
/// using the server. <c>GET /healthz</c>: 200 <c>{"status":"ok"}</c> whenever the process answers HTTP, with no check
/// and no store access, for a liveness probe; it tells nothing at all, so it is outside the request guard as well.
/// </summary>
internal static class ReadinessEndpoints
{
    public const string Path = "/readyz";

    public const string LivenessPath = "/healthz";

    private const string Ok = """{"status":"ok"}""";

    public static void MapReadiness(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ReadyAsync);
        routes.MapGet(LivenessPath, () => TypedResults.Content(Ok, "application/json"));
    }

    /// <summary>Whether <paramref name="path"/> is the readiness endpoint.</summary>
    public static bool IsReadiness(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    private static async Task<ContentHttpResult> ReadyAsync(IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var problems = new JsonObject();
        foreach (var check in checks)
        {
            if (await check.FindProblemAsync(cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems[check.Name] = problem;
            }
        }

        return problems.Count == 0
            ? TypedResults.Content(Ok, "application/json")
            : TypedResults.Content(
                new JsonObject { ["status"] = "unavailable", ["problems"] = problems }.ToJsonString(), "application/json",
                statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
