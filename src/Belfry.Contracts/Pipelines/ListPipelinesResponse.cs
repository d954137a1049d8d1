namespace Belfry.Contracts.Pipelines;

/// <summary>A page of pipelines.</summary>
public sealed class ListPipelinesResponse
{
    public List<PipelineResource> Pipelines { get; set; } = [];

    public string? NextPageToken { get; set; }
}
