using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>Raw JSON calls against the v1 API, so tests see exactly what a Cloud Scheduler client sees.</summary>
public sealed class ApiClient(HttpClient http, string project = "test-project", string location = "asia-northeast1")
{
    public string Parent => $"projects/{project}/locations/{location}";

    public string JobName(string id) => $"{Parent}/jobs/{id}";

    public async Task<(int Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "/v1/" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text) ?? new JsonObject());
    }

    public Task<(int Status, JsonNode Body)> CreateAsync(string json) => SendAsync(HttpMethod.Post, Parent + "/jobs", json);

    public Task<(int Status, JsonNode Body)> GetAsync(string id) => SendAsync(HttpMethod.Get, JobName(id));

    public Task<(int Status, JsonNode Body)> ListAsync(string query = "") => SendAsync(HttpMethod.Get, Parent + "/jobs" + query);

    public Task<(int Status, JsonNode Body)> ActAsync(string id, string verb) => SendAsync(HttpMethod.Post, $"{JobName(id)}:{verb}", "{}");

    public Task<(int Status, JsonNode Body)> ExecutionsAsync(string id) => SendAsync(HttpMethod.Get, JobName(id) + "/executions");

    /// <summary>The state and the number of recorded attempts of the job's one execution (asserted to be one).</summary>
    public async Task<(string? State, int Attempts)> OnlyExecutionAsync(string id)
    {
        var (_, list) = await ExecutionsAsync(id);
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        return ((string?)execution["state"], execution["attempts"]?.AsArray().Count ?? 0);
    }

    /// <summary>
    /// A job body with the given id and target, plus <paramref name="extra"/> fields. <paramref name="target"/>,
    /// when given, is the whole httpTarget object instead of a POST to <paramref name="uri"/>.
    /// </summary>
    public string Job(string id, string uri, string schedule = "0 6 * * *", string timeZone = "Asia/Tokyo", string extra = "", string? target = null)
    {
        target ??= $$"""{"uri":"{{uri}}","httpMethod":"POST"}""";
        var json = $$"""{"name":"{{JobName(id)}}","schedule":"{{schedule}}","timeZone":"{{timeZone}}","httpTarget":{{target}}{{(extra.Length > 0 ? "," + extra : "")}}}""";
        JsonDocument.Parse(json).Dispose();
        return json;
    }

    /// <summary>Everything the store holds for this location, as the API shows it; compared before and after a refused request.</summary>
    public async Task<string> SnapshotAsync()
    {
        var (_, body) = await ListAsync();
        return body.ToJsonString();
    }
}
