using System.Text.Json.Nodes;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Cli.Http;

/// <summary>Belfry's pipelines and their runs (docs/pipelines.md).</summary>
internal sealed partial class BelfryApiClient
{
    private const string Pipelines = "pipelines";

    public Task<JsonNode> CreatePipelineAsync(PipelineName name, PipelineResource pipeline, CancellationToken cancellationToken) =>
        CreateAsync(name.Parent, Pipelines, pipeline, BelfryJsonContext.Default.PipelineResource, cancellationToken);

    public Task<JsonNode> GetPipelineAsync(PipelineName name, CancellationToken cancellationToken) => GetAsync(Path(name), cancellationToken);

    public Task<JsonNode> ListPipelinesAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(parent)}/{Pipelines}", pageSize, pageToken, cancellationToken);

    public Task<JsonNode> DeletePipelineAsync(PipelineName name, CancellationToken cancellationToken) => DeleteAsync(Path(name), cancellationToken);

    /// <summary><c>:pause</c> or <c>:resume</c> (answer the pipeline), or <c>:run</c> (answers the new run).</summary>
    public Task<JsonNode> PipelineActionAsync(PipelineName name, string action, CancellationToken cancellationToken) =>
        CustomMethodAsync(Path(name), action, cancellationToken);

    /// <summary>A pipeline's runs, newest first.</summary>
    public Task<JsonNode> ListPipelineRunsAsync(PipelineName name, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(name)}/runs", pageSize, pageToken, cancellationToken);

    public Task<JsonNode> GetPipelineRunAsync(PipelineName name, string runId, CancellationToken cancellationToken) =>
        GetAsync(RunPath(name, runId), cancellationToken);

    /// <summary><c>:resume</c> or <c>:cancel</c>; answers the run.</summary>
    public Task<JsonNode> PipelineRunActionAsync(PipelineName name, string runId, string action, CancellationToken cancellationToken) =>
        CustomMethodAsync(RunPath(name, runId), action, cancellationToken);

    /// <summary>A step's executions across the pipeline's runs, newest first, with attempts.</summary>
    public Task<JsonNode> ListStepExecutionsAsync(PipelineName name, string stepId, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(name)}/steps/{Uri.EscapeDataString(stepId)}/executions", pageSize, pageToken, cancellationToken);

    private static string Path(PipelineName name) => Path(name.Parent, Pipelines, name.PipelineId);

    private static string RunPath(PipelineName name, string runId) => $"{Path(name)}/runs/{Uri.EscapeDataString(runId)}";
}
