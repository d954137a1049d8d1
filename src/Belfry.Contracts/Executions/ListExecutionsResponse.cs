namespace Belfry.Contracts.Executions;

/// <summary>One page of a job's executions, newest first.</summary>
public sealed class ListExecutionsResponse
{
    /// <summary>The executions.</summary>
    public List<ExecutionResource> Executions { get; set; } = [];

    /// <summary>Pass as <c>pageToken</c> for the next page; absent on the last.</summary>
    public string? NextPageToken { get; set; }
}
