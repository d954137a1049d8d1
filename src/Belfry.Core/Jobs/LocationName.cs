namespace Belfry.Core.Jobs;

/// <summary>The parent of jobs: <c>projects/{project}/locations/{location}</c>.</summary>
internal sealed record LocationName(string Project, string Location)
{
    /// <summary>Cloud's wildcard location, <c>-</c>: "every location", in a list's parent only (issue 15).</summary>
    public const string AnyLocation = "-";

    /// <summary>Whether this is <c>projects/P/locations/-</c>, every location of the project.</summary>
    public bool IsAnyLocation => Location == AnyLocation;

    public string FullName => $"projects/{Project}/locations/{Location}";

    public JobName Job(string jobId) => new(Project, Location, jobId);

    public override string ToString() => FullName;
}
