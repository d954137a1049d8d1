using Belfry.Contracts.Executions;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Api.Jobs;
using Belfry.Server.Api.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Executions;

/// <summary>Belfry extension: <c>GET /v1/projects/*/locations/*/jobs/*/executions</c>, newest first, with attempts.</summary>
internal static class ExecutionsEndpoints
{
    private const int DefaultPageSize = 50;

    public static async Task<JsonHttpResult<ListExecutionsResponse>> ListAsync(
        string project, string location, string job, int? pageSize, string? pageToken, JobCommands commands, PipelineCommands pipelines,
        IExecutionStore store, CancellationToken cancellationToken)
    {
        var name = ApiNames.Job(project, location, job);
        ApiException? missing = null;
        try
        {
            await commands.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Status == "NOT_FOUND")
        {
            missing = e;
        }

        if (missing is not null)
        {
            // Alerts and the step's target name a step's job {pipeline}-{step}, which is no job of the jobs API (a user
            // may own a job by that name: docs/pipelines.md, "How it works"), so the answer points to the step's own route.
            var step = await pipelines.FindStepByJobIdAsync(name.Parent, name.JobId, cancellationToken).ConfigureAwait(false);
            var hint = step is { } s
                ? $" {name.JobId} is step {s.StepId} of pipeline {s.Pipeline.PipelineId}: read its executions with " +
                  $"`belfry pipelines steps executions {s.Pipeline.PipelineId} {s.StepId}` (GET /v1/{s.Pipeline.FullName}/steps/{s.StepId}/executions)."
                : "";
            throw hint.Length == 0 ? missing : ApiException.NotFound(missing.Message + hint);
        }

        return await PageAsync(store, name, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of a job's executions (a user's job, or a pipeline step's internal job), newest first.</summary>
    public static async Task<JsonHttpResult<ListExecutionsResponse>> PageAsync(
        IExecutionStore store, JobName job, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var page = await store.ListExecutionsAsync(job, Paging.Size(pageSize, DefaultPageSize), Paging.Token(pageToken), cancellationToken).ConfigureAwait(false);
        var response = new ListExecutionsResponse { Executions = page.Executions.Select(ExecutionMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListExecutionsResponse);
    }
}
