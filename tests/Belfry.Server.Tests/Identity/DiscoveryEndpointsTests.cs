using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Identity;

public sealed class DiscoveryEndpointsTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private TokenVerifier _verifier = null!;

    public ValueTask InitializeAsync()
    {
        _verifier = new TokenVerifier(_server.CreateClient(), _server.Time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OpenIdConfiguration_Get_NamesIssuerJwksAndRs256()
    {
        var configuration = await _verifier.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(Issuer, (string?)configuration["issuer"]);
        Assert.Equal(Issuer + "/.well-known/jwks.json", (string?)configuration["jwks_uri"]);
        Assert.Equal(["RS256"], configuration["id_token_signing_alg_values_supported"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["id_token"], configuration["response_types_supported"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["public"], configuration["subject_types_supported"]!.AsArray().Select(v => (string)v!));
        var claims = configuration["claims_supported"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Subset(claims.ToHashSet(), new HashSet<string>
        {
            "iss", "aud", "sub", "email", "email_verified", "iat", "exp", "belfry_job", "belfry_job_name", "belfry_schedule_time",
            "belfry_time_zone", "belfry_execution", "belfry_attempt", "belfry_epoch", "belfry_trigger",
        });
    }

    [Fact]
    public async Task OpenIdConfiguration_IssuerWithTrailingSlash_IsPublishedWithout()
    {
        await using var server = new BelfryServerFactory(issuer: "https://belfry.example/");
        var verifier = new TokenVerifier(server.CreateClient(), server.Time);

        var configuration = await verifier.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal("https://belfry.example", (string?)configuration["issuer"]);
        Assert.Equal("https://belfry.example/.well-known/jwks.json", (string?)configuration["jwks_uri"]);
    }

    [Fact]
    public async Task Jwks_FirstStart_PublishesOneRs256KeyWithPublicPartsOnly()
    {
        var jwks = await _verifier.GetJsonAsync("/.well-known/jwks.json");

        var key = Assert.Single(jwks["keys"]!.AsArray())!.AsObject();
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("RSA", (string?)key["kty"]);
        Assert.Equal("sig", (string?)key["use"]);
        Assert.Equal("RS256", (string?)key["alg"]);
        Assert.Equal("AQAB", (string?)key["e"]);
        Assert.Equal(256, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes((string)key["n"]!).Length);
        Assert.False(string.IsNullOrEmpty((string?)key["kid"]));
        foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" })
        {
            Assert.False(key.ContainsKey(secret), $"JWKS leaks private parameter {secret}");
        }
    }

    [Fact]
    public async Task OpenIdConfiguration_NoIssuerConfigured_DefaultsToTheServersUrlEverywhere()
    {
        await using var server = new BelfryServerFactory();
        var http = server.CreateClient();
        var verifier = new TokenVerifier(http, server.Time);

        var issuer = (string)(await verifier.GetJsonAsync("/.well-known/openid-configuration"))["issuer"]!;
        using var response = await http.PostAsync("/v1/projects/-/serviceAccounts/a@b.c:generateIdToken",
            new StringContent("""{"audience":"https://x","includeEmail":true}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["token"]!;

        Assert.StartsWith("http://", issuer, StringComparison.Ordinal);
        Assert.False(issuer.EndsWith('/'));
        Assert.Equal(issuer, (string?)TokenVerifier.Payload(token)["iss"]);
    }
}
