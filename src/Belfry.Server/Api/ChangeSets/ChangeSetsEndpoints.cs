using Belfry.Contracts.ChangeSets;
using Belfry.Contracts.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.ChangeSets;

/// <summary>
/// <c>POST /v1/changeSets:apply</c> (Belfry extension, issue 17): the writes of <c>belfry apply</c>, across projects and
/// locations, in one store transaction; with <c>validateOnly</c> the checks of <c>belfry plan</c>.
/// </summary>
internal static class ChangeSetsEndpoints
{
    public static void MapChangeSetsApi(this IEndpointRouteBuilder routes) => routes.MapPost("/v1/changeSets:apply", ApplyAsync);

    private static async Task<JsonHttpResult<ChangeSetResponse>> ApplyAsync(
        HttpRequest request, ChangeSetCommands commands, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.ChangeSetRequest, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("changes: the request has no body.");
        var response = await commands.ApplyAsync(body, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(response, BelfryJsonContext.Default.ChangeSetResponse);
    }
}
