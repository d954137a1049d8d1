using Belfry.Contracts.Locations;
using Belfry.Contracts.Serialization;
using Belfry.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Api.Locations;

/// <summary>
/// <c>GET /v1/projects/*/locations[/*]</c>, which gcloud asks for. Belfry accepts any location id for jobs;
/// the list names the configured ones (<c>Belfry:Locations</c>, default <c>local</c>).
/// </summary>
internal static class LocationsEndpoints
{
    public static void MapLocationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/projects/{project}/locations", List);
        routes.MapGet("/v1/projects/{project}/locations/{location}", Get);
    }

    private static JsonHttpResult<ListLocationsResponse> List(string project, IOptions<ServerOptions> options)
    {
        var response = new ListLocationsResponse
        {
            Locations = options.Value.Locations.Select(l => ToResource(ApiNames.Location(project, l))).ToList(),
        };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListLocationsResponse);
    }

    private static JsonHttpResult<LocationResource> Get(string project, string location) =>
        TypedResults.Json(ToResource(ApiNames.Location(project, location)), BelfryJsonContext.Default.LocationResource);

    private static LocationResource ToResource(Core.Jobs.LocationName name) =>
        new() { Name = name.FullName, LocationId = name.Location, DisplayName = name.Location };
}
