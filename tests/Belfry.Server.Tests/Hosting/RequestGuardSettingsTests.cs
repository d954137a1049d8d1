using System.Net.Http.Headers;
using System.Text;
using Belfry.Server.Hosting;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Hosting;

/// <summary>The settings that open the admin API further: more host names, browser origins with CORS, a trusted proxy.</summary>
public sealed class RequestGuardSettingsTests
{
    private const string Token = "proxy-admin-token-0123456789";

    [Fact]
    public async Task AllowedHosts_ConfiguredNameAndSubdomains_Answered()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:AllowedHosts:0"] = "belfry.internal";
        server.Settings["Belfry:AllowedHosts:1"] = "*.corp.example";
        using var http = server.CreateClient();

        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "belfry.internal"));
        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "sched.corp.example:8085"));
        Assert.Equal(403, await StatusAsync(http, HttpMethod.Get, "corp.example.evil.example"));
    }

    [Fact]
    public async Task Issuer_ItsHostIsAnswered()
    {
        await using var server = new BelfryServerFactory(issuer: "https://scheduler.example.com");
        using var http = server.CreateClient();

        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "scheduler.example.com"));
    }

    [Fact]
    public async Task AllowedOrigins_PreflightAndRequestFromThatOrigin_GetCorsHeaders_OthersRefused()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:AllowedOrigins:0"] = "https://console.example/";
        using var http = server.CreateClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/projects/p/locations/l/jobs");
        preflight.Headers.Add("Origin", "https://console.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var allowed = await http.SendAsync(preflight, TestContext.Current.CancellationToken);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/projects/p/locations/l/jobs");
        get.Headers.Add("Origin", "https://console.example");
        get.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var read = await http.SendAsync(get, TestContext.Current.CancellationToken);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/v1/projects/p/locations/l/jobs");
        other.Headers.Add("Origin", "https://evil.example");
        using var refused = await http.SendAsync(other, TestContext.Current.CancellationToken);

        Assert.True(allowed.IsSuccessStatusCode, allowed.StatusCode.ToString());
        Assert.Equal("https://console.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal("https://console.example", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(403, (int)refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TrustProxy_ForwardedRequest_NeedsTheAdminToken()
    {
        await using var server = new BelfryServerFactory(adminToken: Token);
        server.Settings["Belfry:TrustProxy"] = "true";
        server.Settings["Belfry:AllowedHosts:0"] = "belfry.example";
        var before = await SnapshotAsync(server);
        using var http = server.CreateClient();

        using var anonymous = Forwarded(HttpMethod.Post, "belfry.example", token: null);
        using var refused = await http.SendAsync(anonymous, TestContext.Current.CancellationToken);
        using var withToken = Forwarded(HttpMethod.Get, "belfry.example", Token);
        using var answered = await http.SendAsync(withToken, TestContext.Current.CancellationToken);
        using var unknownHost = Forwarded(HttpMethod.Get, "evil.example", Token);
        using var rebound = await http.SendAsync(unknownHost, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal(before, await SnapshotAsync(server));
        Assert.Equal(200, (int)answered.StatusCode);
        Assert.Equal(403, (int)rebound.StatusCode);
    }

    [Fact]
    public void TrustProxy_WithoutAdminToken_RefusesToStart()
    {
        var e = Assert.Throws<StartupRefusedException>(() => AdminToken.Resolve(new AdminAccessOptions(), ["http://127.0.0.1:8085"], trustProxy: true));

        Assert.Contains("--trust-proxy", e.Message, StringComparison.Ordinal);
        Assert.Contains("BELFRY_ADMIN_TOKEN", e.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string forwardedHost, string? token)
    {
        var request = new HttpRequestMessage(method, "/v1/projects/test-project/locations/asia-northeast1/jobs");
        request.Headers.Host = "127.0.0.1:8085";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(
                """{"name":"projects/test-project/locations/asia-northeast1/jobs/x","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:9/"}}""",
                Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<string> SnapshotAsync(BelfryServerFactory server)
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await new ApiClient(http).SnapshotAsync();
    }

    private static async Task<int> StatusAsync(HttpClient http, HttpMethod method, string host)
    {
        using var request = new HttpRequestMessage(method, "/v1/projects/p/locations/l/jobs");
        request.Headers.Host = host;
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }
}
