using System.Diagnostics.CodeAnalysis;

namespace Belfry.Core.Jobs;

/// <summary>A job's resource name: <c>projects/{project}/locations/{location}/jobs/{job}</c>.</summary>
internal sealed record JobName(string Project, string Location, string JobId)
{
    public string FullName => $"projects/{Project}/locations/{Location}/jobs/{JobId}";

    public LocationName Parent => new(Project, Location);

    public override string ToString() => FullName;

    public static bool TryParse(string? value, [NotNullWhen(true)] out JobName? name)
    {
        name = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split('/');
        if (parts.Length != 6 || parts[0] != "projects" || parts[2] != "locations" || parts[4] != "jobs")
        {
            return false;
        }

        if (!ResourceId.IsValidProjectOrLocation(parts[1]) || !ResourceId.IsValidProjectOrLocation(parts[3]) ||
            !ResourceId.IsValidJobId(parts[5]))
        {
            return false;
        }

        name = new JobName(parts[1], parts[3], parts[5]);
        return true;
    }
}
