using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Server.Api.Executions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Jobs;

/// <summary>Cloud Scheduler v1 jobs: <c>/v1/projects/*/locations/*/jobs</c> (DESIGN, "Resources and the API").</summary>
internal static class JobsEndpoints
{
    private const string Api = "jobs";
    private const string Verbs = ":pause, :resume or :run";

    public static void MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/v1/projects/{project}/locations/{location}/jobs");
        jobs.MapStandardMethods(JobCommands.Resource);
        jobs.MapPost("/{jobAndVerb}", ActAsync);
        jobs.MapGet("/{job}/executions", ExecutionsEndpoints.ListAsync);
    }

    private static async Task<JsonHttpResult<JobResource>> ActAsync(
        string project, string location, string jobAndVerb, HttpRequest request, JobCommands commands, CancellationToken cancellationToken)
    {
        var (id, verb) = CustomVerb.Split(jobAndVerb, request, Api, Verbs);
        var name = ApiNames.Job(project, location, id);
        var action = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.JobActionRequest, cancellationToken).ConfigureAwait(false);
        if (action?.Name is { } given && given != name.FullName)
        {
            throw ApiException.InvalidArgument($"name: \"{given}\" does not match the job in the URL, {name.FullName}.");
        }

        var job = verb switch
        {
            "pause" => await commands.PauseAsync(name, cancellationToken).ConfigureAwait(false),
            "resume" => await commands.ResumeAsync(name, cancellationToken).ConfigureAwait(false),
            "run" => await RunAsync(name, request.HttpContext.Response, commands, cancellationToken).ConfigureAwait(false),
            _ => throw CustomVerb.Unknown(verb, Api, Verbs),
        };
        return JobCommands.Resource.Json(job);
    }

    /// <summary>
    /// <c>:run</c> answers the job, as Cloud Scheduler's, and names the execution it started in the
    /// <see cref="RunHeaders.StartedExecution"/> header (docs/semantics.md, "Overlap"), which <c>belfry scheduler jobs run</c> prints.
    /// </summary>
    private static async Task<Core.Jobs.Job> RunAsync(Core.Jobs.JobName name, HttpResponse response, JobCommands commands, CancellationToken cancellationToken)
    {
        var (job, started) = await commands.RunAsync(name, cancellationToken).ConfigureAwait(false);
        response.Headers[RunHeaders.StartedExecution] = $"{name.TargetName}/executions/{started.Id}";
        return job;
    }
}
