using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;

namespace Belfry.Server.Api;

/// <summary>Resource names from route values, refusing malformed ids with INVALID_ARGUMENT.</summary>
internal static class ApiNames
{
    public static LocationName Location(string project, string location) => ListParent(project, location, acceptsAnyLocation: false);

    /// <summary>
    /// A list's parent: a location, or, where the resource lists across locations (jobs), Cloud's wildcard
    /// <c>locations/-</c>. Anywhere else the wildcard is refused, so that nothing is created in, or read from, a
    /// location called "-".
    /// </summary>
    public static LocationName ListParent(string project, string location, bool acceptsAnyLocation)
    {
        Project(project);

        if (!ResourceId.IsValidProjectOrLocation(location))
        {
            throw ApiException.InvalidArgument($"parent: \"{location}\" is not a valid location id.");
        }

        if (location == LocationName.AnyLocation && !acceptsAnyLocation)
        {
            throw ApiException.InvalidArgument("parent: the location \"-\" (every location) is accepted only when listing jobs.");
        }

        return new LocationName(project, location);
    }

    /// <summary>The project id from the URL; INVALID_ARGUMENT when it is malformed.</summary>
    public static string Project(string project) =>
        ResourceId.IsValidProjectOrLocation(project) ? project : throw ApiException.InvalidArgument($"parent: \"{project}\" is not a valid project id.");

    public static JobName Job(string project, string location, string job)
    {
        var parent = Location(project, location);
        if (!ResourceId.IsValidJobId(job))
        {
            throw ApiException.InvalidArgument($"name: \"{job}\" is not a valid job id (letters, digits, hyphens, underscores; at most 500).");
        }

        return parent.Job(job);
    }

    public static ChannelName Channel(string project, string location, string channel)
    {
        var parent = Location(project, location);
        return ResourceId.IsValidId(channel)
            ? new ChannelName(parent.Project, parent.Location, channel)
            : throw ApiException.InvalidArgument($"name: \"{channel}\" is not a valid channel id (letters, digits, hyphens, underscores; at most 100).");
    }

    // Unlike the others, without "name:" in front; kept as the pipelines API has always answered.
    public static PipelineName Pipeline(string project, string location, string pipeline)
    {
        var parent = Location(project, location);
        return PipelineName.TryParse($"{parent.FullName}/pipelines/{pipeline}", out var name)
            ? name
            : throw ApiException.InvalidArgument($"\"{pipeline}\" is not a valid pipeline id (letters, digits, hyphens, underscores; at most 100).");
    }

    public static AlertPolicyName AlertPolicy(string project, string location, string policy)
    {
        var parent = Location(project, location);
        return ResourceId.IsValidId(policy)
            ? new AlertPolicyName(parent.Project, parent.Location, policy)
            : throw ApiException.InvalidArgument($"name: \"{policy}\" is not a valid alert policy id (letters, digits, hyphens, underscores; at most 100).");
    }
}
