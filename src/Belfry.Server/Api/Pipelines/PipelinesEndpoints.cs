using Belfry.Contracts.Executions;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Belfry.Server.Api.Executions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Pipelines;

/// <summary>
/// <c>/v1/projects/*/locations/*/pipelines</c>, <c>…/pipelines/*/runs</c> and <c>…/pipelines/*/steps/*/executions</c> in the jobs API's style
/// (docs/pipelines.md, "API").
/// </summary>
internal static class PipelinesEndpoints
{
    /// <summary>Runs per page when the request names no size; the dashboard pages runs by it too.</summary>
    public const int DefaultRunPageSize = 50;

    public static void MapPipelinesApi(this IEndpointRouteBuilder routes)
    {
        var pipelines = routes.MapGroup("/v1/projects/{project}/locations/{location}/pipelines");
        pipelines.MapStandardMethods(PipelineCommands.Resource);
        pipelines.MapPost("/{pipelineAndVerb}", ActAsync);
        pipelines.MapGet("/{pipeline}/runs", ListRunsAsync);
        pipelines.MapGet("/{pipeline}/runs/{run}", GetRunAsync);
        pipelines.MapPost("/{pipeline}/runs/{runAndVerb}", ActOnRunAsync);
        pipelines.MapGet("/{pipeline}/steps/{step}/executions", ListStepExecutionsAsync);
    }

    /// <summary><c>:pause</c> and <c>:resume</c> answer the pipeline; <c>:run</c> answers the run it started.</summary>
    private static async Task<IResult> ActAsync(
        string project, string location, string pipelineAndVerb, HttpRequest request, PipelineCommands commands, CancellationToken cancellationToken)
    {
        var (id, verb) = CustomVerb.Split(pipelineAndVerb, request, "pipelines", ":pause, :resume or :run");
        var name = ApiNames.Pipeline(project, location, id);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Lenient.JobActionRequest, cancellationToken).ConfigureAwait(false);
        return verb switch
        {
            "pause" => Json(await commands.PauseAsync(name, cancellationToken).ConfigureAwait(false)),
            "resume" => Json(await commands.ResumeAsync(name, cancellationToken).ConfigureAwait(false)),
            "run" => Json(await commands.RunAsync(name, cancellationToken).ConfigureAwait(false)),
            _ => throw CustomVerb.Unknown(verb, "pipelines", ":pause, :resume or :run"),
        };
    }

    private static async Task<JsonHttpResult<ListPipelineRunsResponse>> ListRunsAsync(
        string project, string location, string pipeline, int? pageSize, string? pageToken, PipelineCommands commands, IPipelineStore store,
        CancellationToken cancellationToken)
    {
        var name = ApiNames.Pipeline(project, location, pipeline);
        await commands.GetAsync(name, cancellationToken).ConfigureAwait(false);
        var page = await store.ListRunsAsync(name, Paging.Size(pageSize, DefaultRunPageSize), Paging.Token(pageToken), cancellationToken).ConfigureAwait(false);
        var response = new ListPipelineRunsResponse { Runs = page.Runs.Select(PipelineMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListPipelineRunsResponse);
    }

    /// <summary>
    /// A step's executions across runs, newest first, with attempts: the executions of its internal job, as a job's
    /// executions are listed (<c>…/jobs/*/executions</c>), so the page and its tokens are the same.
    /// </summary>
    private static async Task<JsonHttpResult<ListExecutionsResponse>> ListStepExecutionsAsync(
        string project, string location, string pipeline, string step, int? pageSize, string? pageToken, PipelineCommands commands,
        IExecutionStore store, CancellationToken cancellationToken)
    {
        var job = await commands.GetStepJobAsync(ApiNames.Pipeline(project, location, pipeline), step, cancellationToken).ConfigureAwait(false);
        return await ExecutionsEndpoints.PageAsync(store, job, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonHttpResult<PipelineRunResource>> GetRunAsync(
        string project, string location, string pipeline, string run, PipelineCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetRunAsync(ApiNames.Pipeline(project, location, pipeline), run, cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<PipelineRunResource>> ActOnRunAsync(
        string project, string location, string pipeline, string runAndVerb, HttpRequest request, PipelineCommands commands,
        CancellationToken cancellationToken)
    {
        var (run, verb) = CustomVerb.Split(runAndVerb, request, "pipeline runs", ":resume or :cancel");
        var name = ApiNames.Pipeline(project, location, pipeline);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Lenient.JobActionRequest, cancellationToken).ConfigureAwait(false);
        return verb switch
        {
            "resume" => Json(await commands.ResumeRunAsync(name, run, cancellationToken).ConfigureAwait(false)),
            "cancel" => Json(await commands.CancelRunAsync(name, run, cancellationToken).ConfigureAwait(false)),
            _ => throw CustomVerb.Unknown(verb, "pipeline runs", ":resume or :cancel"),
        };
    }

    private static JsonHttpResult<PipelineResource> Json(Pipeline pipeline) => PipelineCommands.Resource.Json(pipeline);

    private static JsonHttpResult<PipelineRunResource> Json(PipelineRun run) =>
        TypedResults.Json(PipelineMapper.ToResource(run), BelfryJsonContext.Default.PipelineRunResource);
}
