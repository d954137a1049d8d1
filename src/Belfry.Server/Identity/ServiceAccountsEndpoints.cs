using Belfry.Contracts.Identity;
using Belfry.Contracts.Serialization;
using Belfry.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Identity;

/// <summary>
/// Google's IAM Credentials <c>generateIdToken</c>, admin API:
/// <c>POST /v1/projects/-/serviceAccounts/{email}:generateIdToken</c> with <c>{"audience":"…","includeEmail":true}</c>
/// answers <c>{"token":"…"}</c>, a token for a manual call (<c>belfry auth print-identity-token</c>). Any email is
/// accepted: holding the admin token is the permission to act as any account.
/// </summary>
internal static class ServiceAccountsEndpoints
{
    private const string Verb = "generateIdToken";

    public static void MapServiceAccountsApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/projects/{project}/serviceAccounts/{accountAndVerb}", GenerateIdTokenAsync);

    private static async Task<JsonHttpResult<GenerateIdTokenResponse>> GenerateIdTokenAsync(
        string accountAndVerb, HttpRequest request, IdTokenMinter minter, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var colon = accountAndVerb.LastIndexOf(':');
        if (colon < 0 || accountAndVerb[(colon + 1)..] != Verb)
        {
            throw ApiException.NotFound($"POST {request.Path} is not a method of the service accounts API; use :{Verb}.");
        }

        var email = accountAndVerb[..colon];
        if (email.Length is 0 or > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
        {
            throw ApiException.InvalidArgument($"name: \"{email}\" is not a service account email.");
        }

        var body = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.GenerateIdTokenRequest, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("audience: a request body with the audience is required.");
        if (string.IsNullOrEmpty(body.Audience))
        {
            throw ApiException.InvalidArgument("audience: required.");
        }

        if (body.Delegates is { Count: > 0 })
        {
            throw ApiException.InvalidArgument("delegates: delegation chains are not available in Belfry; leave delegates empty.");
        }

        var token = await minter.MintForCallerAsync(email, body.Audience, body.IncludeEmail == true, cancellationToken).ConfigureAwait(false);
        Log.CallerTokenIssued(loggers.CreateLogger(typeof(ServiceAccountsEndpoints).FullName!), email, body.Audience);
        return TypedResults.Json(new GenerateIdTokenResponse { Token = token }, BelfryJsonContext.Default.GenerateIdTokenResponse);
    }
}
