using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api;

/// <summary>
/// The standard methods of a resource, mapped once for jobs, pipelines, channels and alert policies (issue 11, point 6):
/// create (POST with a required body), list (paged), get, update (PATCH with <c>updateMask</c> and a required body) and
/// delete (answers <c>{}</c>). Custom <c>:verb</c> methods stay with each resource (<see cref="CustomVerb"/>).
/// </summary>
/// <remarks>
/// Minimal APIs bind each handler's parameters by name as before: <c>project</c> and <c>location</c> from the route,
/// <c>pageSize</c>, <c>pageToken</c> and <c>updateMask</c> from the query. The id's route value
/// and the id query parameter differ by resource, so <see cref="ApiResource{TCommands, TName, TModel, TResource, TList}"/>
/// reads them from the request by name, as binding a string parameter does (tests/…/ResourceEndpointsTests pin it).
/// </remarks>
internal static class ResourceEndpoints
{
    public static void MapStandardMethods<TCommands, TName, TModel, TResource, TList>(
        this RouteGroupBuilder group, ApiResource<TCommands, TName, TModel, TResource, TList> resource)
        where TCommands : IResourceCommands<TName, TModel, TResource, TList>
        where TName : class
        where TModel : class
        where TResource : class
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(resource);
        var item = "/{" + resource.RouteValue + "}";

        group.MapPost("", async Task<JsonHttpResult<TResource>> (
            string project, string location, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var commands = Commands<TCommands>(request);
            var body = await resource.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
            var id = resource.IdParameter is { } parameter ? (string?)request.Query[parameter] : null;
            return resource.Json(await commands.CreateAsync(ApiNames.Location(project, location), body, id, cancellationToken).ConfigureAwait(false));
        });

        group.MapGet("", async Task<JsonHttpResult<TList>> (
            string project, string location, int? pageSize, string? pageToken, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var commands = Commands<TCommands>(request);
            var list = await commands.ListAsync(ApiNames.ListParent(project, location, resource.ListsAnyLocation), Paging.Size(pageSize, resource.DefaultPageSize), Paging.Token(pageToken),
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(list, resource.ListJson);
        });

        group.MapGet(item, async Task<JsonHttpResult<TResource>> (
            string project, string location, HttpRequest request, CancellationToken cancellationToken) =>
            resource.Json(await Commands<TCommands>(request).GetAsync(resource.Name(project, location, request), cancellationToken).ConfigureAwait(false)));

        group.MapPatch(item, async Task<JsonHttpResult<TResource>> (
            string project, string location, string? updateMask, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var commands = Commands<TCommands>(request);
            var name = resource.UpdateReadsBodyFirst ? null : resource.Name(project, location, request);
            var patch = await resource.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
            name ??= resource.Name(project, location, request);
            return resource.Json(await commands.UpdateAsync(name, patch, updateMask, cancellationToken).ConfigureAwait(false));
        });

        group.MapDelete(item, async Task<JsonHttpResult<EmptyResponse>> (
            string project, string location, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var commands = Commands<TCommands>(request);
            await commands.DeleteAsync(resource.Name(project, location, request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new EmptyResponse(), BelfryJsonContext.Default.EmptyResponse);
        });
    }

    // As binding a service parameter would, first thing; a parameter of a generic type crashes the route handler
    // analyzer (AD0001, .NET 10), so the handlers ask for the commands themselves.
    private static TCommands Commands<TCommands>(HttpRequest request)
        where TCommands : notnull => request.HttpContext.RequestServices.GetRequiredService<TCommands>();
}
