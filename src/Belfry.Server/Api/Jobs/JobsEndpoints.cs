using Belfry.Contracts.Common;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Api.Executions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Jobs;

/// <summary>Cloud Scheduler v1 jobs: <c>/v1/projects/*/locations/*/jobs</c> (DESIGN, "Resources and the API").</summary>
internal static class JobsEndpoints
{
    public static void MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/v1/projects/{project}/locations/{location}/jobs");
        jobs.MapPost("", CreateAsync);
        jobs.MapGet("", ListAsync);
        jobs.MapGet("/{job}", GetAsync);
        jobs.MapPatch("/{job}", UpdateAsync);
        jobs.MapDelete("/{job}", DeleteAsync);
        jobs.MapPost("/{jobAndVerb}", ActAsync);
        jobs.MapGet("/{job}/executions", ExecutionsEndpoints.ListAsync);
    }

    private static async Task<JsonHttpResult<JobResource>> CreateAsync(
        string project, string location, HttpRequest request, JobCommands commands, CancellationToken cancellationToken)
    {
        var resource = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.JobResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("job: a request body is required.");
        var job = await commands.CreateAsync(ApiNames.Location(project, location), resource, cancellationToken).ConfigureAwait(false);
        return Json(job);
    }

    private static async Task<JsonHttpResult<ListJobsResponse>> ListAsync(
        string project, string location, int? pageSize, string? pageToken, IJobStore store, CancellationToken cancellationToken)
    {
        var page = await store.ListJobsAsync(ApiNames.Location(project, location), Paging.Size(pageSize, Paging.MaxPageSize), Paging.Token(pageToken),
            cancellationToken).ConfigureAwait(false);
        var response = new ListJobsResponse { Jobs = page.Jobs.Select(JobMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListJobsResponse);
    }

    private static async Task<JsonHttpResult<JobResource>> GetAsync(
        string project, string location, string job, JobCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetAsync(ApiNames.Job(project, location, job), cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<JobResource>> UpdateAsync(
        string project, string location, string job, string? updateMask, HttpRequest request, JobCommands commands, CancellationToken cancellationToken)
    {
        var name = ApiNames.Job(project, location, job);
        var patch = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.JobResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("job: a request body is required.");
        return Json(await commands.UpdateAsync(name, patch, updateMask, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<EmptyResponse>> DeleteAsync(
        string project, string location, string job, JobCommands commands, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(ApiNames.Job(project, location, job), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new EmptyResponse(), BelfryJsonContext.Default.EmptyResponse);
    }

    private static async Task<JsonHttpResult<JobResource>> ActAsync(
        string project, string location, string jobAndVerb, HttpRequest request, JobCommands commands, CancellationToken cancellationToken)
    {
        // Custom verbs ride on the last segment: ".../jobs/{job}:run". Job ids never contain ':'.
        var colon = jobAndVerb.LastIndexOf(':');
        if (colon < 0)
        {
            throw ApiException.NotFound($"POST {request.Path} is not a method of the jobs API; use :pause, :resume or :run.");
        }

        var name = ApiNames.Job(project, location, jobAndVerb[..colon]);
        var action = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.JobActionRequest, cancellationToken).ConfigureAwait(false);
        if (action?.Name is { } given && given != name.FullName)
        {
            throw ApiException.InvalidArgument($"name: \"{given}\" does not match the job in the URL, {name.FullName}.");
        }

        var job = jobAndVerb[(colon + 1)..] switch
        {
            "pause" => await commands.PauseAsync(name, cancellationToken).ConfigureAwait(false),
            "resume" => await commands.ResumeAsync(name, cancellationToken).ConfigureAwait(false),
            "run" => await commands.RunAsync(name, cancellationToken).ConfigureAwait(false),
            var verb => throw ApiException.NotFound($"\":{verb}\" is not a method of the jobs API; use :pause, :resume or :run."),
        };
        return Json(job);
    }

    private static JsonHttpResult<JobResource> Json(Job job) => TypedResults.Json(JobMapper.ToResource(job), BelfryJsonContext.Default.JobResource);
}
