using Belfry.Core.Jobs;

namespace Belfry.Server.Api;

/// <summary>Resource names from route values, refusing malformed ids with INVALID_ARGUMENT.</summary>
internal static class ApiNames
{
    public static LocationName Location(string project, string location)
    {
        if (!ResourceId.IsValidProjectOrLocation(project))
        {
            throw ApiException.InvalidArgument($"parent: \"{project}\" is not a valid project id.");
        }

        if (!ResourceId.IsValidProjectOrLocation(location))
        {
            throw ApiException.InvalidArgument($"parent: \"{location}\" is not a valid location id.");
        }

        return new LocationName(project, location);
    }

    public static JobName Job(string project, string location, string job)
    {
        var parent = Location(project, location);
        if (!ResourceId.IsValidJobId(job))
        {
            throw ApiException.InvalidArgument($"name: \"{job}\" is not a valid job id (letters, digits, hyphens, underscores; at most 500).");
        }

        return parent.Job(job);
    }
}
