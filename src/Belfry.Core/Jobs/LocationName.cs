namespace Belfry.Core.Jobs;

/// <summary>The parent of jobs: <c>projects/{project}/locations/{location}</c>.</summary>
internal sealed record LocationName(string Project, string Location)
{
    public string FullName => $"projects/{Project}/locations/{Location}";

    public JobName Job(string jobId) => new(Project, Location, jobId);

    public override string ToString() => FullName;
}
