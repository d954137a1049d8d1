using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Belfry.Server.Api;
using Belfry.Server.Api.Pipelines;

namespace Belfry.Server.Dashboard;

/// <summary>
/// What the pipeline pages show, read through the store contracts and <see cref="PipelineCommands"/> the pipelines API
/// uses (docs/dashboard.md): no query of its own, so a page and <c>GET /v1/…/pipelines</c> never disagree.
/// </summary>
internal sealed class PipelineReader(IPipelineStore pipelines, IExecutionStore executions, PipelineCommands commands)
{
    /// <summary>Pipelines per page of the list, as the jobs page.</summary>
    public const int PageSize = 50;

    /// <summary>A step's executions per page, as the job page shows a job's.</summary>
    public const int ExecutionCount = DashboardReader.ExecutionCount;

    /// <summary>One page of a location's pipelines, each with its newest run (one store read per pipeline: a page is small).</summary>
    public async Task<(IReadOnlyList<PipelineSummary> Pipelines, string? NextPageToken)> ListAsync(
        LocationName parent, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await pipelines.ListPipelinesAsync(parent, PageSize, pageToken, cancellationToken).ConfigureAwait(false);
        var rows = new List<PipelineSummary>(page.Pipelines.Count);
        foreach (var pipeline in page.Pipelines)
        {
            var newest = await pipelines.ListRunsAsync(pipeline.Name, 1, null, cancellationToken).ConfigureAwait(false);
            rows.Add(new PipelineSummary(pipeline, newest.Runs.Count == 0 ? null : newest.Runs[0]));
        }

        return (rows, page.NextPageToken);
    }

    /// <summary>The pipeline and a page of its runs, newest first, paged as <c>GET …/runs</c>; null when there is no such pipeline.</summary>
    public async Task<PipelineDetail?> PipelineAsync(PipelineName name, string? pageToken, CancellationToken cancellationToken)
    {
        var pipeline = await pipelines.GetPipelineAsync(name, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return null;
        }

        var runs = await pipelines.ListRunsAsync(name, PipelinesEndpoints.DefaultRunPageSize, pageToken, cancellationToken).ConfigureAwait(false);
        return new PipelineDetail(pipeline, runs.Runs, runs.NextPageToken);
    }

    public Task<Pipeline?> DefinitionAsync(PipelineName name, CancellationToken cancellationToken) =>
        pipelines.GetPipelineAsync(name, cancellationToken);

    public Task<PipelineRun?> RunAsync(PipelineName name, string runId, CancellationToken cancellationToken) =>
        pipelines.GetRunAsync(name, runId, cancellationToken);

    /// <summary>
    /// A step's executions across runs, newest first, as <c>GET …/steps/STEP/executions</c> reads them; null when the
    /// pipeline has no such step.
    /// </summary>
    public async Task<ExecutionPage?> StepExecutionsAsync(PipelineName name, string stepId, string? pageToken, CancellationToken cancellationToken)
    {
        JobName job;
        try
        {
            job = await commands.GetStepJobAsync(name, stepId, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException)
        {
            return null;
        }

        return await executions.ListExecutionsAsync(job, ExecutionCount, pageToken, cancellationToken).ConfigureAwait(false);
    }
}
