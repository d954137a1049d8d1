using Belfry.Contracts.Locations;
using Belfry.Contracts.Serialization;
using Belfry.Core.Storage;
using Belfry.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Api.Locations;

/// <summary>
/// <c>GET /v1/projects/*/locations[/*]</c>, which gcloud asks for. Belfry accepts any location id for resources, so
/// the list names the configured ones (<c>Belfry:Locations</c>, default <c>local</c>) and every location that holds a
/// job, pipeline, channel or alert policy (issue 15), in ordinal order.
/// </summary>
internal static class LocationsEndpoints
{
    public static void MapLocationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/projects/{project}/locations", ListAsync);
        routes.MapGet("/v1/projects/{project}/locations/{location}", Get);
    }

    private static async Task<JsonHttpResult<ListLocationsResponse>> ListAsync(
        string project, IOptions<ServerOptions> options, ILocationStore store, CancellationToken cancellationToken)
    {
        var inUse = await store.ListLocationsInUseAsync(ApiNames.Project(project), cancellationToken).ConfigureAwait(false);
        var response = new ListLocationsResponse
        {
            Locations = options.Value.Locations.Union(inUse, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(l => ToResource(ApiNames.Location(project, l))).ToList(),
        };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListLocationsResponse);
    }

    private static JsonHttpResult<LocationResource> Get(string project, string location) =>
        TypedResults.Json(ToResource(ApiNames.Location(project, location)), BelfryJsonContext.Default.LocationResource);

    private static LocationResource ToResource(Core.Jobs.LocationName name) =>
        new() { Name = name.FullName, LocationId = name.Location, DisplayName = name.Location };
}
