namespace Belfry.Core.Jobs;

/// <summary>Splits <c>projects/{project}/locations/{location}/{collection}/{id}</c> names of Belfry's resources.</summary>
internal static class ResourceNames
{
    public static bool TrySplit(string? value, string collection, out string project, out string location, out string id)
    {
        project = location = id = "";
        var parts = value?.Split('/');
        if (parts is not { Length: 6 } || parts[0] != "projects" || parts[2] != "locations" || parts[4] != collection ||
            !ResourceId.IsValidProjectOrLocation(parts[1]) || !ResourceId.IsValidProjectOrLocation(parts[3]) || !ResourceId.IsValidId(parts[5]))
        {
            return false;
        }

        (project, location, id) = (parts[1], parts[3], parts[5]);
        return true;
    }
}
