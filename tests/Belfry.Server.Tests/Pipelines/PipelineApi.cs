using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>Pipelines through the raw v1 API.</summary>
internal static class PipelineApi
{
    public static string PipelineName(this ApiClient api, string id) => $"{api.Parent}/pipelines/{id}";

    public static Task<(int Status, JsonNode Body)> CreatePipelineAsync(this ApiClient api, string id, string steps, string extra = "") =>
        api.SendAsync(HttpMethod.Post, api.Parent + "/pipelines", $$"""
            {"name":"{{api.PipelineName(id)}}","schedule":"0 6 * * *","timeZone":"Asia/Tokyo","steps":[{{steps}}]{{(extra.Length > 0 ? "," + extra : "")}}}
            """);

    /// <summary>A step JSON object: <paramref name="dependsOn"/> comma-separated ids.</summary>
    public static string Step(string id, string uri, string dependsOn = "", int retryCount = 0)
    {
        var edges = dependsOn.Length == 0 ? "" : ",\"dependsOn\":[" + string.Join(",", dependsOn.Split(',').Select(d => $"\"{d}\"")) + "]";
        return $$"""{"id":"{{id}}","httpTarget":{"uri":"{{uri}}"},"retryConfig":{"retryCount":{{retryCount}},"minBackoffDuration":"10s"}{{edges}}}""";
    }

    public static Task<(int Status, JsonNode Body)> RunPipelineAsync(this ApiClient api, string id) =>
        api.SendAsync(HttpMethod.Post, api.PipelineName(id) + ":run", "{}");

    public static Task<(int Status, JsonNode Body)> GetRunAsync(this ApiClient api, string id, string run) =>
        api.SendAsync(HttpMethod.Get, $"{api.PipelineName(id)}/runs/{run}");

    public static Task<(int Status, JsonNode Body)> ListRunsAsync(this ApiClient api, string id) =>
        api.SendAsync(HttpMethod.Get, $"{api.PipelineName(id)}/runs");

    public static Task<(int Status, JsonNode Body)> ActOnRunAsync(this ApiClient api, string id, string run, string verb) =>
        api.SendAsync(HttpMethod.Post, $"{api.PipelineName(id)}/runs/{run}:{verb}", "{}");

    public static Task<(int Status, JsonNode Body)> StepExecutionsAsync(this ApiClient api, string id, string step, string query = "") =>
        api.SendAsync(HttpMethod.Get, $"{api.PipelineName(id)}/steps/{step}/executions{query}");

    public static string RunId(JsonNode run) => ((string)run["name"]!).Split('/')[^1];

    /// <summary>"fetch=SUCCEEDED merge=FAILED report=NOT_RUN".</summary>
    public static string StepStates(JsonNode run) =>
        string.Join(" ", run["steps"]!.AsArray().Select(s => $"{(string)s!["id"]!}={(string)s["state"]!}"));
}
