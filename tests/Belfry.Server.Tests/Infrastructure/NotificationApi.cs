using System.Text.Json.Nodes;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>Channels and alert policies through the raw v1 API.</summary>
public static class NotificationApi
{
    public static Task<(int Status, JsonNode Body)> CreateChannelAsync(this ApiClient api, string id, string type, string webhookUrl, string extra = "") =>
        api.SendAsync(HttpMethod.Post, api.Parent + "/channels",
            $$"""{"name":"{{api.Parent}}/channels/{{id}}","type":"{{type}}","webhookUrl":"{{webhookUrl}}"{{(extra.Length > 0 ? "," + extra : "")}}}""");

    public static Task<(int Status, JsonNode Body)> CreatePolicyAsync(this ApiClient api, string id, string json) =>
        api.SendAsync(HttpMethod.Post, $"{api.Parent}/alertPolicies?alertPolicyId={id}", json);

    /// <summary>A job with retries and routes: <c>belfry</c> fields in <paramref name="belfry"/>.</summary>
    public static Task<(int Status, JsonNode Body)> CreateRoutedJobAsync(
        this ApiClient api, string id, string uri, string belfry, int retryCount = 0, string schedule = "0 6 * * *", string timeZone = "Asia/Tokyo") =>
        api.CreateAsync(api.Job(id, uri, schedule, timeZone,
            extra: "\"retryConfig\":{\"retryCount\":" + retryCount + ",\"minBackoffDuration\":\"10s\"},\"belfry\":{" + belfry + "}"));
}
