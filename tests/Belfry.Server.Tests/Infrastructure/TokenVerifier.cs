using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// Verifies tokens as a target would: with a standard JWT handler against the JWKS the server publishes now,
/// at the server's (fake) time.
/// </summary>
public sealed class TokenVerifier(HttpClient http, TimeProvider time)
{
    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    public async Task<IReadOnlyList<string>> PublishedKidsAsync()
    {
        var jwks = await GetJsonAsync("/.well-known/jwks.json");
        return [.. jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!)];
    }

    /// <summary>Validates signature (JWKS), issuer, audience and lifetime; fails the test when invalid.</summary>
    public async Task<JsonWebToken> ValidateAsync(string token, string issuer, string audience)
    {
        var result = await TryValidateAsync(token, issuer, audience);
        Assert.True(result.IsValid, $"token rejected: {result.Exception}");
        return (JsonWebToken)result.SecurityToken;
    }

    public async Task<TokenValidationResult> TryValidateAsync(string token, string issuer, string audience)
    {
        var jwks = new JsonWebKeySet((await GetJsonAsync("/.well-known/jwks.json")).ToJsonString());
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            TryAllIssuerSigningKeys = false,
            RequireExpirationTime = true,

            // The standard lifetime rule (exp and nbf, with the default 5-minute skew), at the server's fake time.
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value <= now + p.ClockSkew) && expires is { } exp && now < exp + p.ClockSkew;
            },
        };
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
    }

    /// <summary>The payload as the target's JSON parser sees it (to check exact values and JSON kinds).</summary>
    public static JsonObject Payload(string token)
    {
        var payload = token.Split('.')[1];
        return JsonNode.Parse(Base64UrlEncoder.Decode(payload))!.AsObject();
    }

    public static JsonObject Header(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]))!.AsObject();

    public static JsonValueKind Kind(JsonObject payload, string claim) => payload[claim]!.GetValueKind();
}
