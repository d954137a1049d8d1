using Belfry.Contracts.Identity;
using Belfry.Contracts.Serialization;
using Belfry.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Identity;

/// <summary>
/// Belfry extension, admin API: <c>GET /v1/keys</c> lists the published signing keys; <c>POST /v1/keys:rotate</c>
/// (body <c>{}</c>) adds a key that signs from now on and answers it. No private material is ever returned.
/// </summary>
internal static class KeysEndpoints
{
    public static void MapKeysApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/keys", ListAsync);
        routes.MapPost("/v1/keys:rotate", RotateAsync);
    }

    private static async Task<JsonHttpResult<ListSigningKeysResponse>> ListAsync(SigningKeyRing keys, CancellationToken cancellationToken)
    {
        var published = await keys.GetPublishedAsync(cancellationToken).ConfigureAwait(false);
        var response = new ListSigningKeysResponse { Keys = [.. published.Select(ToResource)] };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListSigningKeysResponse);
    }

    private static async Task<JsonHttpResult<SigningKeyResource>> RotateAsync(HttpRequest request, SigningKeyRing keys, CancellationToken cancellationToken)
    {
        // The body is {} (or empty); anything else is a client that expects some option Belfry does not have.
        await RequestBody.ReadAsync(request, BelfryJsonContext.Default.RotateSigningKeyRequest, cancellationToken).ConfigureAwait(false);
        var next = await keys.RotateAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(ToResource(next), BelfryJsonContext.Default.SigningKeyResource);
    }

    private static SigningKeyResource ToResource(LoadedSigningKey key) => new()
    {
        Kid = key.Id,
        Algorithm = RsaSigningKeys.Algorithm,
        State = key.Stored.IsCurrent ? "CURRENT" : "RETIRED",
        CreateTime = key.Stored.CreateTime,
        RetireTime = key.Stored.RetireTime,
        PublishUntil = SigningKeyRing.PublishUntil(key.Stored),
        PublicKey = key.PublicKey,
    };
}
