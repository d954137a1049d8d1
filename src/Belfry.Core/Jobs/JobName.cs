using System.Diagnostics.CodeAnalysis;

namespace Belfry.Core.Jobs;

/// <summary>A job's resource name: <c>projects/{project}/locations/{location}/jobs/{job}</c>.</summary>
/// <remarks>
/// Immutable without <c>init</c> accessors, so <see cref="FullName"/> can be built once: the dispatcher uses it as a
/// store key for every delivery.
/// </remarks>
internal sealed record JobName
{
    public JobName(string project, string location, string jobId)
    {
        Project = project;
        Location = location;
        JobId = jobId;
        FullName = $"projects/{project}/locations/{location}/jobs/{jobId}";
    }

    public string Project { get; }

    public string Location { get; }

    public string JobId { get; }

    public string FullName { get; }

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
