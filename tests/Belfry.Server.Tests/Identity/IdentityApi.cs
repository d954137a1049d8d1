using System.Text.Json.Nodes;

namespace Belfry.Server.Tests.Identity;

/// <summary>The identity calls of the admin API, raw JSON in and out.</summary>
internal static class IdentityApi
{
    public static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }

    public static async Task<string> GenerateIdTokenAsync(HttpClient http, string audience, string email = "caller@belfry.local")
    {
        var (status, body) = await SendAsync(http, HttpMethod.Post, $"/v1/projects/-/serviceAccounts/{email}:generateIdToken",
            new JsonObject { ["audience"] = audience, ["includeEmail"] = true }.ToJsonString());
        Assert.True(status == 200, body.ToJsonString());
        return (string)body["token"]!;
    }

    public static async Task<JsonNode> RotateAsync(HttpClient http)
    {
        var (status, body) = await SendAsync(http, HttpMethod.Post, "/v1/keys:rotate", "{}");
        Assert.True(status == 200, body.ToJsonString());
        return body;
    }

    public static async Task<JsonArray> ListKeysAsync(HttpClient http)
    {
        var (status, body) = await SendAsync(http, HttpMethod.Get, "/v1/keys");
        Assert.True(status == 200, body.ToJsonString());
        return body["keys"]!.AsArray();
    }
}
