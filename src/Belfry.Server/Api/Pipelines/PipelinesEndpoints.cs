using Belfry.Contracts.Common;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Pipelines;

/// <summary>
/// <c>/v1/projects/*/locations/*/pipelines</c> and <c>…/pipelines/*/runs</c> in the jobs API's style
/// (docs/pipelines.md, "API").
/// </summary>
internal static class PipelinesEndpoints
{
    private const int DefaultRunPageSize = 50;

    public static void MapPipelinesApi(this IEndpointRouteBuilder routes)
    {
        var pipelines = routes.MapGroup("/v1/projects/{project}/locations/{location}/pipelines");
        pipelines.MapPost("", CreateAsync);
        pipelines.MapGet("", ListAsync);
        pipelines.MapGet("/{pipeline}", GetAsync);
        pipelines.MapPatch("/{pipeline}", UpdateAsync);
        pipelines.MapDelete("/{pipeline}", DeleteAsync);
        pipelines.MapPost("/{pipelineAndVerb}", ActAsync);
        pipelines.MapGet("/{pipeline}/runs", ListRunsAsync);
        pipelines.MapGet("/{pipeline}/runs/{run}", GetRunAsync);
        pipelines.MapPost("/{pipeline}/runs/{runAndVerb}", ActOnRunAsync);
    }

    private static async Task<JsonHttpResult<PipelineResource>> CreateAsync(
        string project, string location, HttpRequest request, PipelineCommands commands, CancellationToken cancellationToken)
    {
        var resource = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.PipelineResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("pipeline: a request body is required.");
        return Json(await commands.CreateAsync(ApiNames.Location(project, location), resource, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<ListPipelinesResponse>> ListAsync(
        string project, string location, int? pageSize, string? pageToken, IPipelineStore store, CancellationToken cancellationToken)
    {
        var page = await store.ListPipelinesAsync(ApiNames.Location(project, location), Paging.Size(pageSize, Paging.MaxPageSize), Paging.Token(pageToken),
            cancellationToken).ConfigureAwait(false);
        var response = new ListPipelinesResponse { Pipelines = page.Pipelines.Select(PipelineMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListPipelinesResponse);
    }

    private static async Task<JsonHttpResult<PipelineResource>> GetAsync(
        string project, string location, string pipeline, PipelineCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetAsync(ApiNames.Pipeline(project, location, pipeline), cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<PipelineResource>> UpdateAsync(
        string project, string location, string pipeline, string? updateMask, HttpRequest request, PipelineCommands commands,
        CancellationToken cancellationToken)
    {
        var patch = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.PipelineResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("pipeline: a request body is required.");
        return Json(await commands.UpdateAsync(ApiNames.Pipeline(project, location, pipeline), patch, updateMask, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<EmptyResponse>> DeleteAsync(
        string project, string location, string pipeline, PipelineCommands commands, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(ApiNames.Pipeline(project, location, pipeline), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new EmptyResponse(), BelfryJsonContext.Default.EmptyResponse);
    }

    /// <summary><c>:pause</c> and <c>:resume</c> answer the pipeline; <c>:run</c> answers the run it started.</summary>
    private static async Task<IResult> ActAsync(
        string project, string location, string pipelineAndVerb, HttpRequest request, PipelineCommands commands, CancellationToken cancellationToken)
    {
        var (id, verb) = SplitVerb(pipelineAndVerb, request, "pipelines", ":pause, :resume or :run");
        var name = ApiNames.Pipeline(project, location, id);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Lenient.JobActionRequest, cancellationToken).ConfigureAwait(false);
        return verb switch
        {
            "pause" => Json(await commands.PauseAsync(name, cancellationToken).ConfigureAwait(false)),
            "resume" => Json(await commands.ResumeAsync(name, cancellationToken).ConfigureAwait(false)),
            "run" => Json(await commands.RunAsync(name, cancellationToken).ConfigureAwait(false)),
            _ => throw ApiException.NotFound($"\":{verb}\" is not a method of the pipelines API; use :pause, :resume or :run."),
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

    private static async Task<JsonHttpResult<PipelineRunResource>> GetRunAsync(
        string project, string location, string pipeline, string run, PipelineCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetRunAsync(ApiNames.Pipeline(project, location, pipeline), run, cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<PipelineRunResource>> ActOnRunAsync(
        string project, string location, string pipeline, string runAndVerb, HttpRequest request, PipelineCommands commands,
        CancellationToken cancellationToken)
    {
        var (run, verb) = SplitVerb(runAndVerb, request, "pipeline runs", ":resume or :cancel");
        var name = ApiNames.Pipeline(project, location, pipeline);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Lenient.JobActionRequest, cancellationToken).ConfigureAwait(false);
        return verb switch
        {
            "resume" => Json(await commands.ResumeRunAsync(name, run, cancellationToken).ConfigureAwait(false)),
            "cancel" => Json(await commands.CancelRunAsync(name, run, cancellationToken).ConfigureAwait(false)),
            _ => throw ApiException.NotFound($"\":{verb}\" is not a method of the pipeline runs API; use :resume or :cancel."),
        };
    }

    private static (string Id, string Verb) SplitVerb(string segment, HttpRequest request, string api, string verbs)
    {
        var colon = segment.LastIndexOf(':');
        return colon < 0
            ? throw ApiException.NotFound($"POST {request.Path} is not a method of the {api} API; use {verbs}.")
            : (segment[..colon], segment[(colon + 1)..]);
    }

    private static JsonHttpResult<PipelineResource> Json(Pipeline pipeline) =>
        TypedResults.Json(PipelineMapper.ToResource(pipeline), BelfryJsonContext.Default.PipelineResource);

    private static JsonHttpResult<PipelineRunResource> Json(PipelineRun run) =>
        TypedResults.Json(PipelineMapper.ToResource(run), BelfryJsonContext.Default.PipelineRunResource);
}
