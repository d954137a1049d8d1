using System.Text.Json.Serialization;

namespace Belfry.Contracts.Identity;

/// <summary><c>GET /.well-known/openid-configuration</c>: OpenID Connect discovery (snake_case, as the spec names it).</summary>
public sealed class OpenIdConfigurationResource
{
    /// <summary>The <c>iss</c> of every token.</summary>
    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    /// <summary>Where the signing keys are: the issuer plus <c>/.well-known/jwks.json</c>.</summary>
    [JsonPropertyName("jwks_uri")]
    public string? JwksUri { get; set; }

    /// <summary><c>["RS256"]</c>.</summary>
    [JsonPropertyName("id_token_signing_alg_values_supported")]
    public List<string> IdTokenSigningAlgValuesSupported { get; set; } = [];

    /// <summary><c>["id_token"]</c>.</summary>
    [JsonPropertyName("response_types_supported")]
    public List<string> ResponseTypesSupported { get; set; } = [];

    /// <summary><c>["public"]</c>.</summary>
    [JsonPropertyName("subject_types_supported")]
    public List<string> SubjectTypesSupported { get; set; } = [];

    /// <summary>The claims a token may carry.</summary>
    [JsonPropertyName("claims_supported")]
    public List<string> ClaimsSupported { get; set; } = [];
}
