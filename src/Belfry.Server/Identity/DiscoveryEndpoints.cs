using Belfry.Contracts.Identity;
using Belfry.Contracts.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Identity;

/// <summary>
/// OpenID Connect discovery, always anonymous: <c>/.well-known/openid-configuration</c> and the JWKS it points to,
/// so any standard JWT middleware (ASP.NET Core JwtBearer with <c>Authority</c> = the issuer) verifies Belfry's tokens.
/// </summary>
internal static class DiscoveryEndpoints
{
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public static void MapDiscovery(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ConfigurationPath, GetConfiguration);
        routes.MapGet(JwksPath, GetJwksAsync);
    }

    private static JsonHttpResult<OpenIdConfigurationResource> GetConfiguration(IssuerUrl issuer)
    {
        var iss = issuer.Value;
        var configuration = new OpenIdConfigurationResource
        {
            Issuer = iss,
            JwksUri = iss + JwksPath,
            IdTokenSigningAlgValuesSupported = [RsaSigningKeys.Algorithm],
            ResponseTypesSupported = ["id_token"],
            SubjectTypesSupported = ["public"],
            ClaimsSupported = [.. BelfryClaims.All],
        };
        return TypedResults.Json(configuration, BelfryJsonContext.Default.OpenIdConfigurationResource);
    }

    private static async Task<JsonHttpResult<JsonWebKeySetResource>> GetJwksAsync(SigningKeyRing keys, CancellationToken cancellationToken)
    {
        var published = await keys.GetPublishedAsync(cancellationToken).ConfigureAwait(false);
        var set = new JsonWebKeySetResource { Keys = [.. published.Select(k => k.PublicKey)] };
        return TypedResults.Json(set, BelfryJsonContext.Default.JsonWebKeySetResource);
    }
}
