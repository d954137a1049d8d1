namespace Belfry.Contracts.Jobs;

/// <summary>One page of jobs.</summary>
public sealed class ListJobsResponse
{
    /// <summary>The jobs, ordered by id.</summary>
    public List<JobResource> Jobs { get; set; } = [];

    /// <summary>Pass as <c>pageToken</c> for the next page; absent on the last.</summary>
    public string? NextPageToken { get; set; }
}
