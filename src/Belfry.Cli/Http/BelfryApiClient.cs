using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Common;
using Belfry.Contracts.Identity;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Cli.Http;

/// <summary>
/// The Cloud Scheduler v1 REST calls the CLI makes. Answers come back as JSON nodes so that printing keeps every
/// field the server sent (gcloud prints what it gets); callers read typed views with <see cref="BelfryJsonContext.Lenient"/>.
/// </summary>
internal sealed class BelfryApiClient(HttpClient http)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public Uri Endpoint => http.BaseAddress ?? throw new InvalidOperationException("The HttpClient has no base address.");

    public Task<JsonNode> CreateJobAsync(JobResource job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!JobName.TryParse(job.Name, out var name))
        {
            throw new ArgumentException("The job needs a full resource name.", nameof(job));
        }

        return SendAsync(HttpMethod.Post, $"{Path(name.Parent)}/jobs", Serialize(job), cancellationToken);
    }

    public Task<JsonNode> GetJobAsync(JobName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Path(name), content: null, cancellationToken);

    public Task<JsonNode> UpdateJobAsync(JobName name, JobResource body, string updateMask, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"{Path(name)}?updateMask={Uri.EscapeDataString(updateMask)}", Serialize(body), cancellationToken);

    public Task<JsonNode> DeleteJobAsync(JobName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Path(name), content: null, cancellationToken);

    /// <summary><c>:pause</c>, <c>:resume</c> or <c>:run</c>; answers the job.</summary>
    public Task<JsonNode> JobActionAsync(JobName name, string action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{Path(name)}:{action}", new StringContent("{}", JsonMediaType), cancellationToken);

    public Task<JsonNode> ListJobsAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{Path(parent)}/jobs{Query(pageSize, pageToken)}", content: null, cancellationToken);

    public Task<JsonNode> ListExecutionsAsync(JobName name, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{Path(name)}/executions{Query(pageSize, pageToken)}", content: null, cancellationToken);

    /// <summary><c>GET /v1/keys</c>: the issuer's published signing keys.</summary>
    public Task<JsonNode> ListKeysAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "v1/keys", content: null, cancellationToken);

    /// <summary><c>POST /v1/keys:rotate</c>: answers the new signing key.</summary>
    public Task<JsonNode> RotateKeyAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "v1/keys:rotate", new StringContent("{}", JsonMediaType), cancellationToken);

    /// <summary>IAM Credentials' <c>generateIdToken</c> for <paramref name="serviceAccountEmail"/>; answers <c>{"token":"…"}</c>.</summary>
    public Task<JsonNode> GenerateIdTokenAsync(string serviceAccountEmail, string audience, CancellationToken cancellationToken)
    {
        var body = new GenerateIdTokenRequest { Audience = audience, IncludeEmail = true };
        return SendAsync(HttpMethod.Post, $"v1/projects/-/serviceAccounts/{Uri.EscapeDataString(serviceAccountEmail)}:generateIdToken",
            new StringContent(JsonSerializer.Serialize(body, BelfryJsonContext.Default.GenerateIdTokenRequest), JsonMediaType), cancellationToken);
    }

    public Task<JsonNode> CreateChannelAsync(ChannelName name, ChannelResource channel, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{Path(name.Parent)}/channels", Serialize(channel, BelfryJsonContext.Default.ChannelResource), cancellationToken);

    public Task<JsonNode> GetChannelAsync(ChannelName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Path(name), content: null, cancellationToken);

    public Task<JsonNode> ListChannelsAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{Path(parent)}/channels{Query(pageSize, pageToken)}", content: null, cancellationToken);

    public Task<JsonNode> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Path(name), content: null, cancellationToken);

    /// <summary><c>:test</c>: answers <c>{"delivered":…,"statusCode":…}</c>.</summary>
    public Task<JsonNode> TestChannelAsync(ChannelName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{Path(name)}:test", new StringContent("{}", JsonMediaType), cancellationToken);

    public Task<JsonNode> CreateAlertPolicyAsync(AlertPolicyName name, AlertPolicyResource policy, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{Path(name.Parent)}/alertPolicies", Serialize(policy, BelfryJsonContext.Default.AlertPolicyResource), cancellationToken);

    public Task<JsonNode> GetAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Path(name), content: null, cancellationToken);

    public Task<JsonNode> ListAlertPoliciesAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{Path(parent)}/alertPolicies{Query(pageSize, pageToken)}", content: null, cancellationToken);

    public Task<JsonNode> DeleteAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Path(name), content: null, cancellationToken);

    /// <summary>A call on Belfry's pipelines API: <paramref name="path"/> is relative to the location (<c>pipelines/ID:run</c>).</summary>
    public Task<JsonNode> PipelinesAsync(LocationName parent, HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        SendAsync(method, $"{Path(parent)}/{path}", json is null ? null : new StringContent(json, JsonMediaType), cancellationToken);

    private static string Path(ChannelName name) => $"{Path(name.Parent)}/channels/{Uri.EscapeDataString(name.ChannelId)}";

    private static string Path(AlertPolicyName name) => $"{Path(name.Parent)}/alertPolicies/{Uri.EscapeDataString(name.PolicyId)}";

    private static StringContent Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.Serialize(value, typeInfo), JsonMediaType);

    private static string Path(LocationName parent) =>
        $"v1/projects/{Uri.EscapeDataString(parent.Project)}/locations/{Uri.EscapeDataString(parent.Location)}";

    private static string Path(JobName name) => $"{Path(name.Parent)}/jobs/{Uri.EscapeDataString(name.JobId)}";

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

    private static StringContent Serialize(JobResource job) =>
        new(JsonSerializer.Serialize(job, BelfryJsonContext.Default.JobResource), JsonMediaType);

    private async Task<JsonNode> SendAsync(HttpMethod method, string relativeUri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Endpoint, relativeUri)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BelfryConnectionException(Endpoint, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BelfryConnectionException(Endpoint, $"no answer within {http.Timeout.TotalSeconds:0} seconds", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ToApiException(response.StatusCode, text);
            }

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

    private static string Reason(HttpRequestException e) => e switch
    {
        { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name does not resolve",
        _ => e.Message,
    };

    private static BelfryApiException ToApiException(HttpStatusCode statusCode, string text)
    {
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(text, BelfryJsonContext.Lenient.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Not our envelope (a proxy's HTML page, say); fall back to the status line below.
        }

        var code = (int)statusCode;
        var message = error?.Message ?? (string.IsNullOrWhiteSpace(text) ? statusCode.ToString() : Truncate(text.Trim()));
        return new BelfryApiException(code, error?.Status ?? StatusName(code), message);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 500), "…");

    private static string StatusName(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        429 => "RESOURCE_EXHAUSTED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ when code >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };
}
