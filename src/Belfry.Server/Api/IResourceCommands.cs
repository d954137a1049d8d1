using Belfry.Core.Jobs;

namespace Belfry.Server.Api;

/// <summary>
/// The standard methods of one resource's commands, as <see cref="ResourceEndpoints"/> calls them: jobs, pipelines,
/// channels and alert policies (issue 11, point 6). Each answers NOT_FOUND, ALREADY_EXISTS or INVALID_ARGUMENT itself.
/// </summary>
/// <typeparam name="TName">The resource's name, e.g. <see cref="JobName"/>.</typeparam>
/// <typeparam name="TModel">The stored resource, e.g. <c>Job</c>.</typeparam>
/// <typeparam name="TResource">Its wire form, e.g. <c>JobResource</c>.</typeparam>
/// <typeparam name="TList">The list call's wire answer, e.g. <c>ListJobsResponse</c>.</typeparam>
internal interface IResourceCommands<TName, TModel, TResource, TList>
{
    /// <summary>
    /// Creates the resource under <paramref name="parent"/>, named by its body, else by <paramref name="id"/>: the id
    /// query parameter (<c>channelId</c>) as sent, null where the resource has none.
    /// </summary>
    Task<TModel> CreateAsync(LocationName parent, TResource resource, string? id, CancellationToken cancellationToken);

    /// <summary>One page of the resources under <paramref name="parent"/>, mapped to the wire.</summary>
    Task<TList> ListAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    Task<TModel> GetAsync(TName name, CancellationToken cancellationToken);

    Task<TModel> UpdateAsync(TName name, TResource patch, string? updateMask, CancellationToken cancellationToken);

    Task DeleteAsync(TName name, CancellationToken cancellationToken);
}
