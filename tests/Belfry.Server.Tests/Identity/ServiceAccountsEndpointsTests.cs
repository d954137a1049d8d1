using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Identity;

/// <summary><c>:generateIdToken</c>, as Google's IAM Credentials API: tokens for manual calls.</summary>
public sealed class ServiceAccountsEndpointsTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private HttpClient _http = null!;
    private TokenVerifier _verifier = null!;

    public ValueTask InitializeAsync()
    {
        _http = _server.CreateClient();
        _verifier = new TokenVerifier(_http, _server.Time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GenerateIdToken_IncludeEmail_TokenHasIdentityClaimsManualTriggerAndNoJobClaims()
    {
        var (status, body) = await IdentityApi.SendAsync(_http, HttpMethod.Post,
            "/v1/projects/-/serviceAccounts/ops@my-project.iam.gserviceaccount.com:generateIdToken",
            """{"audience":"https://sync.example/sync","includeEmail":true}""");

        Assert.Equal(200, status);
        Assert.Equal(["token"], body.AsObject().Select(p => p.Key));
        var token = (string)body["token"]!;
        await _verifier.ValidateAsync(token, Issuer, "https://sync.example/sync");
        var iat = BelfryServerFactory.DefaultStart.ToUnixTimeSeconds();
        var expected = $$"""
            {"iss":"{{Issuer}}","aud":"https://sync.example/sync","sub":"ops@my-project.iam.gserviceaccount.com",
             "email":"ops@my-project.iam.gserviceaccount.com","email_verified":true,"iat":{{iat}},"exp":{{iat + 3600}},
             "belfry_trigger":"manual"}
            """;
        var payload = TokenVerifier.Payload(token);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), payload), payload.ToJsonString());
    }

    [Fact]
    public async Task GenerateIdToken_WithoutIncludeEmail_OmitsEmailClaimsAsGoogle()
    {
        var (_, body) = await IdentityApi.SendAsync(_http, HttpMethod.Post,
            "/v1/projects/-/serviceAccounts/ops@belfry.local:generateIdToken", """{"audience":"https://x.example"}""");

        var payload = TokenVerifier.Payload((string)body["token"]!);
        Assert.Equal("ops@belfry.local", (string?)payload["sub"]);
        Assert.False(payload.ContainsKey("email"));
        Assert.False(payload.ContainsKey("email_verified"));
    }

    [Theory]
    [InlineData("ops@belfry.local:generateIdToken", """{"includeEmail":true}""", 400, "audience")]
    [InlineData("ops@belfry.local:generateIdToken", "", 400, "audience")]
    [InlineData("ops@belfry.local:generateIdToken", """{"audience":"a","delegates":["x@y.z"]}""", 400, "delegates")]
    [InlineData("ops@belfry.local:generateIdToken", """{"audience":"a","bogus":1}""", 400, "bogus")]
    [InlineData("not-an-email:generateIdToken", """{"audience":"a"}""", 400, "not-an-email")]
    [InlineData("ops@belfry.local:signJwt", """{"audience":"a"}""", 404, "generateIdToken")]
    public async Task GenerateIdToken_BadRequest_RefusedNamingTheField(string resource, string json, int status, string named)
    {
        var (code, body) = await IdentityApi.SendAsync(_http, HttpMethod.Post, "/v1/projects/-/serviceAccounts/" + resource, json);

        Assert.Equal(status, code);
        Assert.Equal(status, (int?)body["error"]!["code"]);
        Assert.Contains(named, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }
}
