namespace Belfry.Core.Storage;

/// <summary>
/// The locations of a project that hold anything (issue 15, "Locations"): a location is not stored on its own, it exists
/// while a job, pipeline, channel or alert policy lives in it. The locations API lists these beside the configured ones.
/// </summary>
internal interface ILocationStore
{
    /// <summary>The ids of <paramref name="project"/>'s locations that hold a job, pipeline, channel or alert policy, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListLocationsInUseAsync(string project, CancellationToken cancellationToken);
}
