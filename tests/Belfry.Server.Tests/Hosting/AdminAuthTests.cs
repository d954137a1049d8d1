using System.Net.Http.Headers;
using Belfry.Server.Tests.Identity;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Hosting;

/// <summary>With an admin token configured, /v1 needs it; /.well-known stays open for targets.</summary>
public sealed class AdminAuthTests : IAsyncLifetime
{
    private const string Token = "s3cret-admin-token-0123456789";
    private readonly BelfryServerFactory _server = new(adminToken: Token);
    private HttpClient _anonymous = null!;
    private ApiClient _admin = null!;

    public ValueTask InitializeAsync()
    {
        _anonymous = _server.CreateClient();
        var admin = _server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _admin = new ApiClient(admin);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + Token + "x")]
    [InlineData("Basic czNjcmV0LWFkbWluLXRva2Vu")]
    [InlineData(Token)]
    public async Task V1_MissingOrWrongToken_401AndStoreUnchanged(string? authorization)
    {
        var before = await _admin.SnapshotAsync();
        var api = new ApiClient(Client(authorization));

        var (status, body) = await api.CreateAsync(api.Job("sneaky", "http://127.0.0.1:9/x"));

        Assert.Equal(401, status);
        Assert.Equal(401, (int?)body["error"]!["code"]);
        Assert.Equal("UNAUTHENTICATED", (string?)body["error"]!["status"]);
        Assert.DoesNotContain(Token, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await _admin.SnapshotAsync());
        Assert.Equal(404, (await _admin.GetAsync("sneaky")).Status);
    }

    [Fact]
    public async Task V1_NoToken_AnswersWwwAuthenticateBearer()
    {
        using var response = await _anonymous.GetAsync("/v1/projects/p/locations", TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("GET", "/v1/keys")]
    [InlineData("POST", "/v1/keys:rotate")]
    [InlineData("POST", "/v1/projects/-/serviceAccounts/a@b.c:generateIdToken")]
    [InlineData("GET", "/v1/projects/p/locations/l/jobs/j/executions")]
    [InlineData("GET", "/V1/projects/p/locations")]
    [InlineData("GET", "/v1/no-such-thing")]
    public async Task V1_EveryRoute_NeedsTheToken(string method, string path)
    {
        var (status, _) = await IdentityApi.SendAsync(_anonymous, new HttpMethod(method), path, method == "POST" ? """{"audience":"x"}""" : null);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task V1_RightToken_Served()
    {
        var (status, _) = await _admin.CreateAsync(_admin.Job("allowed", "http://127.0.0.1:9/x"));
        Assert.Equal(200, status);

        using var lowerCaseScheme = Client("bearer " + Token);
        Assert.Equal(200, (await new ApiClient(lowerCaseScheme).GetAsync("allowed")).Status);
    }

    [Fact]
    public async Task KeysRotate_WithoutToken_KeepsTheKey()
    {
        var admin = _server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var before = await IdentityApi.ListKeysAsync(admin);

        var (status, _) = await IdentityApi.SendAsync(_anonymous, HttpMethod.Post, "/v1/keys:rotate", "{}");

        Assert.Equal(401, status);
        Assert.Equal(before.ToJsonString(), (await IdentityApi.ListKeysAsync(admin)).ToJsonString());
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks.json")]
    public async Task WellKnown_WithoutToken_Open(string path)
    {
        using var response = await _anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
    }

    private HttpClient Client(string? authorization)
    {
        var client = _server.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }
}
