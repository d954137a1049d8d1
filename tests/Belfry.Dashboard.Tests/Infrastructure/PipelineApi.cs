using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Dashboard.Tests.Infrastructure;

/// <summary>Pipelines through the REST API of a <see cref="DashboardServer"/>: what the pages must agree with.</summary>
internal static class PipelineApi
{
    public static string PipelinePath(string pipelineId) => $"/v1/projects/default/locations/local/pipelines/{pipelineId}";

    /// <summary>Creates a pipeline whose steps are (id, target path, dependsOn ids); no retries, so a 500 fails a step at once.</summary>
    public static async Task CreatePipelineAsync(this DashboardServer server, string pipelineId, params (string Id, string Path, string[] DependsOn)[] steps)
    {
        var pipeline = new JsonObject
        {
            ["name"] = $"projects/default/locations/local/pipelines/{pipelineId}",
            ["schedule"] = "0 6 * * *",
            ["timeZone"] = "Asia/Tokyo",
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id,
                ["httpTarget"] = new JsonObject { ["uri"] = server.Target.Url(s.Path) },
                ["dependsOn"] = new JsonArray([.. s.DependsOn.Select(d => JsonValue.Create(d))]),
            })]),
        };
        using var response = await server.Api.PostAsJsonAsync("/v1/projects/default/locations/local/pipelines", pipeline, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Starts a run with <c>:run</c> and returns its id.</summary>
    public static async Task<string> RunPipelineAsync(this DashboardServer server, string pipelineId)
    {
        using var response = await server.Api.PostAsync(PipelinePath(pipelineId) + ":run", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return run.GetProperty("name").GetString()!.Split('/')[^1];
    }

    public static async Task<JsonElement> GetRunAsync(this DashboardServer server, string pipelineId, string runId)
    {
        using var response = await server.Api.GetAsync($"{PipelinePath(pipelineId)}/runs/{runId}", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls <c>GET …/runs/RUN</c> (every 50 ms, at most 30 s) until <paramref name="done"/> holds for its state; returns the run.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this DashboardServer server, string pipelineId, string runId, Func<string, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var run = await server.GetRunAsync(pipelineId, runId);
            if (done(run.GetProperty("state").GetString()!))
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
