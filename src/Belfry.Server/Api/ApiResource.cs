using System.Text.Json.Serialization.Metadata;
using Belfry.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api;

/// <summary>
/// One API resource as its standard methods see it (issue 11, point 6): the words its messages use, the route value
/// that holds its id, how an id becomes a name, and its source-generated JSON. <see cref="ResourceEndpoints"/> maps the
/// standard methods from it; the commands use its refusals, so every resource words them alike.
/// </summary>
/// <remarks>
/// One instance per resource, in a static field of its commands beside its <see cref="NameResolver{TName}"/>. Messages
/// print a <typeparamref name="TName"/> as it is: every Core name's <c>ToString</c> is its <c>FullName</c>.
/// </remarks>
/// <param name="field">The body's field in messages: <c>alertPolicy: a request body is required.</c></param>
/// <param name="noun">The resource in running text, <c>alert policy</c>; capitalised, it starts NOT_FOUND and ALREADY_EXISTS.</param>
/// <param name="routeValue">The route value holding the id, <c>policy</c> in <c>…/alertPolicies/{policy}</c>.</param>
/// <param name="name">The name for (project, location, id) from the URL; refuses a malformed id (<see cref="ApiNames"/>).</param>
/// <param name="json">The resource's wire form in the source-generated context.</param>
/// <param name="toResource">The stored resource as the wire shows it (the resource's mapper).</param>
/// <param name="listJson">The list answer's wire form in the source-generated context.</param>
internal sealed class ApiResource<TCommands, TName, TModel, TResource, TList>(
    string field, string noun, string routeValue, Func<string, string, string, TName> name, JsonTypeInfo<TResource> json,
    Func<TModel, TResource> toResource, JsonTypeInfo<TList> listJson)
    where TCommands : IResourceCommands<TName, TModel, TResource, TList>
    where TName : class
    where TModel : class
    where TResource : class
{
    private readonly string _title = char.ToUpperInvariant(noun[0]) + noun[1..];

    public string RouteValue { get; } = routeValue;

    /// <summary>The query parameter a create call may give the id in (<c>channelId</c>), or null.</summary>
    public string? IdParameter { get; init; }

    /// <summary>Without <c>pageSize</c>: the maximum, as Cloud Scheduler's jobs, unless the resource says less.</summary>
    public int DefaultPageSize { get; init; } = Paging.MaxPageSize;

    /// <summary>
    /// PATCH reads the body before it checks the id in the URL; pipelines have always answered a bad body first.
    /// </summary>
    public bool UpdateReadsBodyFirst { get; init; }

    /// <summary>Whether list accepts Cloud's wildcard parent <c>locations/-</c> (jobs do: issue 15).</summary>
    public bool ListsAnyLocation { get; init; }

    public JsonTypeInfo<TList> ListJson { get; } = listJson;

    public TName Name(string project, string location, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // What binding a string parameter of that name would give: the route value as matched.
        return name(project, location, (string)request.RouteValues[RouteValue]!);
    }

    /// <summary>The body as <typeparamref name="TResource"/>; INVALID_ARGUMENT when there is none.</summary>
    public async Task<TResource> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await RequestBody.ReadAsync(request, json, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument($"{field}: a request body is required.");

    public JsonHttpResult<TResource> Json(TModel model) => TypedResults.Json(toResource(model), json);

    public ApiException NotFound(TName resourceName) => ApiException.NotFound($"{_title} {resourceName} not found.");

    /// <summary>The stored resource, or NOT_FOUND.</summary>
    public async Task<TModel> FoundAsync(Task<TModel?> read, TName resourceName)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await read.ConfigureAwait(false) ?? throw NotFound(resourceName);
    }

    /// <summary>A patch may repeat the resource's name, but not name another one.</summary>
    public void EnsureSameName(string? given, TName resourceName)
    {
        if (given is not null && given != resourceName.ToString())
        {
            throw ApiException.InvalidArgument($"name: \"{given}\" does not match the {noun} in the URL, {resourceName}.");
        }
    }

    /// <summary>Runs the store's create; ALREADY_EXISTS when the name is taken.</summary>
    public async Task CreateAsync(Func<Task> create, TName resourceName)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            await create().ConfigureAwait(false);
        }
        catch (ResourceAlreadyExistsException)
        {
            throw ApiException.AlreadyExists($"{_title} {resourceName} already exists.");
        }
    }

    /// <summary>Runs the store's delete; NOT_FOUND when there was nothing to delete.</summary>
    public async Task DeleteAsync(Task<bool> delete, TName resourceName)
    {
        ArgumentNullException.ThrowIfNull(delete);
        if (!await delete.ConfigureAwait(false))
        {
            throw NotFound(resourceName);
        }
    }
}
