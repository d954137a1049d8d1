using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Belfry.Contracts.Identity;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Http;

/// <summary>
/// The Cloud Scheduler v1 REST calls the CLI makes, one typed method per call (Belfry's own resources in the
/// <c>.Notifications</c> and <c>.Pipelines</c> parts). Answers come back as JSON nodes so that printing keeps every
/// field the server sent (gcloud prints what it gets); callers read typed views with <see cref="BelfryJsonContext.Lenient"/>.
/// </summary>
internal sealed partial class BelfryApiClient(HttpClient http)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public Uri Endpoint => http.BaseAddress ?? throw new InvalidOperationException("The HttpClient has no base address.");

    /// <param name="job">The job, with its full name.</param>
    /// <param name="flagsByField">The flag that set each field, named in a refusal of that field.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<JsonNode> CreateJobAsync(JobResource job, IReadOnlyDictionary<string, string> flagsByField, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(flagsByField);
        if (!JobName.TryParse(job.Name, out var name))
        {
            throw new ArgumentException("The job needs a full resource name.", nameof(job));
        }

        return NamingFlagsAsync(CreateAsync(name.Parent, "jobs", job, BelfryJsonContext.Default.JobResource, cancellationToken), flagsByField);
    }

    public Task<JsonNode> GetJobAsync(JobName name, CancellationToken cancellationToken) => GetAsync(Path(name), cancellationToken);

    /// <summary>PATCH with <paramref name="updateMask"/>; a refusal of a field names the flag that set it (<paramref name="flagsByField"/>).</summary>
    public Task<JsonNode> UpdateJobAsync(JobName name, JobResource body, string updateMask, IReadOnlyDictionary<string, string> flagsByField, CancellationToken cancellationToken) =>
        NamingFlagsAsync(SendAsync(HttpMethod.Patch, $"{Path(name)}?updateMask={Uri.EscapeDataString(updateMask)}",
            Serialize(body, BelfryJsonContext.Default.JobResource), cancellationToken), flagsByField);

    public Task<JsonNode> DeleteJobAsync(JobName name, CancellationToken cancellationToken) => DeleteAsync(Path(name), cancellationToken);

    /// <summary><c>:pause</c>, <c>:resume</c> or <c>:run</c>; answers the job.</summary>
    public Task<JsonNode> JobActionAsync(JobName name, string action, CancellationToken cancellationToken) =>
        CustomMethodAsync(Path(name), action, cancellationToken);

    /// <summary>
    /// <c>POST …/jobs/ID:run</c>: the job, and the execution the run started (the <see cref="RunHeaders.StartedExecution"/>
    /// header; null from a server that does not send it).
    /// </summary>
    public async Task<(JsonNode Job, string? Started)> RunJobAsync(JobName name, CancellationToken cancellationToken)
    {
        string? started = null;
        var job = await SendAsync(HttpMethod.Post, $"{Path(name)}:run", new StringContent("{}", JsonMediaType), cancellationToken,
            response => started = response.Headers.TryGetValues(RunHeaders.StartedExecution, out var values) ? values.FirstOrDefault() : null).ConfigureAwait(false);
        return (job, started);
    }

    public Task<JsonNode> ListJobsAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(parent)}/jobs", pageSize, pageToken, cancellationToken);

    public Task<JsonNode> ListExecutionsAsync(JobName name, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(name)}/executions", pageSize, pageToken, cancellationToken);

    /// <summary><c>GET /v1/projects/P/locations</c>: the configured locations and those that hold resources.</summary>
    public Task<JsonNode> ListLocationsAsync(string project, CancellationToken cancellationToken) =>
        GetAsync($"v1/projects/{Uri.EscapeDataString(project)}/locations", cancellationToken);

    /// <summary><c>GET /v1/keys</c>: the issuer's published signing keys.</summary>
    public Task<JsonNode> ListKeysAsync(CancellationToken cancellationToken) => GetAsync("v1/keys", cancellationToken);

    /// <summary><c>GET /v1/nodes</c>: the servers sharing the store.</summary>
    public Task<JsonNode> ListNodesAsync(CancellationToken cancellationToken) => GetAsync("v1/nodes", cancellationToken);

    /// <summary><c>POST /v1/keys:rotate</c>: answers the new signing key.</summary>
    public Task<JsonNode> RotateKeyAsync(CancellationToken cancellationToken) => CustomMethodAsync("v1/keys", "rotate", cancellationToken);

    /// <summary>IAM Credentials' <c>generateIdToken</c> for <paramref name="serviceAccountEmail"/>; answers <c>{"token":"…"}</c>.</summary>
    public Task<JsonNode> GenerateIdTokenAsync(string serviceAccountEmail, string audience, CancellationToken cancellationToken)
    {
        var body = new GenerateIdTokenRequest { Audience = audience, IncludeEmail = true };
        return SendAsync(HttpMethod.Post, $"v1/projects/-/serviceAccounts/{Uri.EscapeDataString(serviceAccountEmail)}:generateIdToken",
            Serialize(body, BelfryJsonContext.Default.GenerateIdTokenRequest), cancellationToken);
    }

    private static string Path(LocationName parent) =>
        $"v1/projects/{Uri.EscapeDataString(parent.Project)}/locations/{Uri.EscapeDataString(parent.Location)}";

    /// <summary>One resource of a location's <paramref name="collection"/>: <c>v1/projects/P/locations/L/channels/ID</c>.</summary>
    private static string Path(LocationName parent, string collection, string id) => $"{Path(parent)}/{collection}/{Uri.EscapeDataString(id)}";

    private static string Path(JobName name) => Path(name.Parent, "jobs", name.JobId);

    private static string Query(int? pageSize, string? pageToken)
    {
        var parts = new List<string>();
        if (pageSize is { } size)
        {
            parts.Add($"pageSize={size}");
        }

        if (!string.IsNullOrEmpty(pageToken))
        {
            parts.Add($"pageToken={Uri.EscapeDataString(pageToken)}");
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static StringContent Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.Serialize(value, typeInfo), JsonMediaType);

    /// <summary><c>POST …/{collection}</c> with the resource as the body, as every create of the v1 API.</summary>
    private Task<JsonNode> CreateAsync<T>(LocationName parent, string collection, T resource, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{Path(parent)}/{collection}", Serialize(resource, typeInfo), cancellationToken);

    private Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, content: null, cancellationToken);

    private Task<JsonNode> ListAsync(string collectionPath, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        GetAsync(collectionPath + Query(pageSize, pageToken), cancellationToken);

    private Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, content: null, cancellationToken);

    /// <summary>A custom method (<c>…:pause</c>, <c>…:test</c>): a POST whose body is <c>{}</c>, as Cloud Scheduler's.</summary>
    private Task<JsonNode> CustomMethodAsync(string path, string method, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{path}:{method}", new StringContent("{}", JsonMediaType), cancellationToken);

    private async Task<JsonNode> SendAsync(
        HttpMethod method, string relativeUri, HttpContent? content, CancellationToken cancellationToken, Action<HttpResponseMessage>? answered = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Endpoint, relativeUri)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using (var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ToApiException(response.StatusCode, text);
            }

            answered?.Invoke(response);

            try
            {
                return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text) ?? new JsonObject();
            }
            catch (JsonException e)
            {
                throw new BelfryApiException((int)response.StatusCode, "INTERNAL", $"The server's answer is not JSON: {e.Message}");
            }
        }
    }

    /// <summary>Sends <paramref name="request"/>, turning a connection failure or a silent server into <see cref="BelfryConnectionException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BelfryConnectionException(Endpoint, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BelfryConnectionException(Endpoint, $"no answer within {http.Timeout.TotalSeconds:0} seconds", e);
        }
    }
}
