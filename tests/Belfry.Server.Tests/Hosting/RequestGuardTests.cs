using System.Net.Http.Headers;
using System.Text;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Hosting;

/// <summary>
/// H1 (issue 10): a web page the developer visits cannot drive the open loopback admin API, neither by a simple
/// cross-site POST nor through DNS rebinding, and a reverse proxy does not turn remote callers into local ones.
/// Every refusal leaves the store as it was.
/// </summary>
public sealed class RequestGuardTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_TheBrowserAttack_RefusedAndStoreUnchanged()
    {
        var before = await _api.SnapshotAsync();
        using var request = CreateRequest(_api.Job("evil", "http://127.0.0.1:9/x"), "text/plain");
        request.Headers.Host = "evil.example";
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var (status, body) = await SendAsync(request);

        Assert.Contains(status, new[] { 403, 415 });
        Assert.Equal(status, (int?)body["error"]!["code"]);
        Assert.Equal(before, await _api.SnapshotAsync());
        Assert.Equal(404, (await _api.GetAsync("evil")).Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Create_BodyNotJson_415AndStoreUnchanged(string contentType)
    {
        var before = await _api.SnapshotAsync();
        using var request = CreateRequest(_api.Job("plain", "http://127.0.0.1:9/x"), contentType);

        var (status, body) = await SendAsync(request);

        Assert.Equal(415, status);
        Assert.Equal("INVALID_ARGUMENT", (string?)body["error"]!["status"]);
        Assert.Contains("application/json", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task Create_BodyWithoutContentType_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/{_api.Parent}/jobs")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(_api.Job("untyped", "http://127.0.0.1:9/x"))),
        };

        var (status, _) = await SendAsync(request);

        Assert.Equal(415, status);
        Assert.Equal(404, (await _api.GetAsync("untyped")).Status);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:3000")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Create_FromAnotherSitesPage_403AndStoreUnchanged(string header, string value)
    {
        var before = await _api.SnapshotAsync();
        using var request = CreateRequest(_api.Job("csrf", "http://127.0.0.1:9/x"), "application/json");
        request.Headers.Add(header, value);

        var (status, body) = await SendAsync(request);

        Assert.Equal(403, status);
        Assert.Equal("PERMISSION_DENIED", (string?)body["error"]!["status"]);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8085")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("10.1.2.3")]
    public async Task Get_RebindingHost_403WithoutTheAnswer(string host)
    {
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("visible", "http://127.0.0.1:9/x"))).Status);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/{_api.JobName("visible")}");
        request.Headers.Host = host;

        var (status, body) = await SendAsync(request);

        Assert.Equal(403, status);
        Assert.DoesNotContain("127.0.0.1:9", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateIdToken_RebindingHost_403AndNoToken()
    {
        using var request = CreateRequest("""{"audience":"https://target.example"}""", "application/json", "/v1/projects/-/serviceAccounts/a@b.c:generateIdToken");
        request.Headers.Host = "evil.example";

        var (status, body) = await SendAsync(request);

        Assert.Equal(403, status);
        Assert.Null(body["token"]);
    }

    [Fact]
    public async Task RotateKeys_TextPlain_415AndKeysUnchanged()
    {
        using var http = _server.CreateClient();
        var before = (await Identity.IdentityApi.ListKeysAsync(http)).ToJsonString();
        using var request = CreateRequest("{}", "text/plain", "/v1/keys:rotate");
        request.Headers.Add("Origin", "https://evil.example");

        var (status, _) = await SendAsync(request);

        Assert.Contains(status, new[] { 403, 415 });
        Assert.Equal(before, (await Identity.IdentityApi.ListKeysAsync(http)).ToJsonString());
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-Host", "belfry.example")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("Via", "1.1 proxy")]
    public async Task Create_ThroughAProxyWithoutAdminToken_403AndStoreUnchanged(string header, string value)
    {
        var before = await _api.SnapshotAsync();
        using var request = CreateRequest(_api.Job("proxied", "http://127.0.0.1:9/x"), "application/json");
        request.Headers.Add(header, value);

        var (status, body) = await SendAsync(request);

        Assert.Equal(403, status);
        Assert.Contains("admin token", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task Api_ClientsOwnRequests_StillWork()
    {
        // What the CLI and Cloud Scheduler clients send: JSON bodies, no body on DELETE, a same-origin Origin at most.
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("ok", "http://127.0.0.1:9/x"))).Status);
        Assert.Equal(200, (await _api.ActAsync("ok", "pause")).Status);
        using var sameOrigin = CreateRequest("{}", "application/json; charset=utf-8", $"/v1/{_api.JobName("ok")}:resume");
        sameOrigin.Headers.Add("Origin", "http://localhost");
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(200, (await SendAsync(sameOrigin)).Status);
        using var emptyPost = new HttpRequestMessage(HttpMethod.Post, $"/v1/{_api.JobName("ok")}:pause");
        Assert.Equal(200, (await SendAsync(emptyPost)).Status);
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Delete, _api.JobName("ok"))).Status);
    }

    [Fact]
    public async Task Preflight_NoAllowList_NoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/v1/{_api.Parent}/jobs");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/{_api.Parent}/jobs");

        using var http = _server.CreateClient();
        using var refused = await http.SendAsync(preflight, TestContext.Current.CancellationToken);
        using var plain = await http.SendAsync(get, TestContext.Current.CancellationToken);

        Assert.Equal(403, (int)refused.StatusCode);
        Assert.DoesNotContain(refused.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(200, (int)plain.StatusCode);
        Assert.DoesNotContain(plain.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WellKnown_OtherHostAndOrigin_StaysOpen()
    {
        // Targets verify tokens through discovery, by whatever name they reach the server.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "belfry.internal";
        request.Headers.Add("Origin", "https://elsewhere.example");

        using var http = _server.CreateClient();
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
    }

    private HttpRequestMessage CreateRequest(string body, string contentType, string? path = null) =>
        new(HttpMethod.Post, path ?? $"/v1/{_api.Parent}/jobs")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
        };

    private async Task<(int Status, System.Text.Json.Nodes.JsonNode Body)> SendAsync(HttpRequestMessage request)
    {
        using var http = _server.CreateClient();
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }
}
