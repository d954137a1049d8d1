namespace Belfry.Contracts.Pipelines;

/// <summary>A page of a pipeline's runs, newest first.</summary>
public sealed class ListPipelineRunsResponse
{
    public List<PipelineRunResource> Runs { get; set; } = [];

    public string? NextPageToken { get; set; }
}
