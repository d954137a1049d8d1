using System.Diagnostics;
using System.Globalization;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Belfry.Server.Telemetry;

namespace Belfry.Server.Dispatch;

/// <summary>
/// The span of one attempt (kind Client), around its send: job, location, execution, attempt number, epoch, the
/// target's HTTP status, and status Error on failure. Its context goes to the target as W3C <c>traceparent</c>
/// (and <c>tracestate</c>), so a handler built with Belfry.AspNetCore joins the trace. A pipeline step's attempt is in
/// its run's trace (<see cref="BelfryActivities"/>). Never the URL (it may carry credentials), headers or body.
/// </summary>
internal static class AttemptTracing
{
    public const string AttemptSpanName = "belfry.attempt";
    public const string RunSpanName = "belfry.pipeline_run";

    /// <summary>Starts the attempt's span; null when nobody listens (then no <c>traceparent</c> is sent either).</summary>
    public static Activity? Start(ClaimedAttempt claim)
    {
        var traceId = claim.Step is { } step ? BelfryActivities.RunTraceId(RunName(step)) : (ActivityTraceId?)null;
        var activity = BelfryActivities.StartRoot(AttemptSpanName, ActivityKind.Client, traceId);
        if (activity is { IsAllDataRequested: true })
        {
            var job = claim.Job.Name;
            activity.SetTag("belfry.project", job.Project);
            activity.SetTag("belfry.location", job.Location);
            activity.SetTag("belfry.job", job.JobId);
            activity.SetTag("belfry.execution", claim.Execution.Id);
            activity.SetTag("belfry.attempt", claim.AttemptNumber);
            activity.SetTag("belfry.epoch", claim.Epoch);
            if (claim.Step is { } s)
            {
                activity.SetTag("belfry.pipeline", s.Pipeline.PipelineId);
                activity.SetTag("belfry.pipeline_run", s.RunId);
                activity.SetTag("belfry.step", s.StepId);
            }
        }

        return activity;
    }

    /// <summary>Adds the outcome to the span and ends it.</summary>
    public static void Stop(Activity? activity, AttemptOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (outcome.StatusCode is { } code)
        {
            activity.SetTag("http.response.status_code", code);
        }

        if (outcome.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Ok);
        }
        else
        {
            // The stored error is already a category without host or port (ConnectionFailure), safe to export.
            activity.SetTag("error.type", outcome.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? (outcome.Error?.StartsWith("deadline", StringComparison.Ordinal) == true ? "deadline_exceeded" : "connection"));
            activity.SetStatus(ActivityStatusCode.Error, outcome.Error ?? $"HTTP {outcome.StatusCode}");
        }

        activity.Stop();
    }

    /// <summary>Adds <c>traceparent</c> (and <c>tracestate</c>) of <paramref name="activity"/>, replacing any the job set.</summary>
    public static void Inject(Activity? activity, HttpRequestMessage request)
    {
        if (activity is null)
        {
            return;
        }

        request.Headers.Remove("traceparent");
        request.Headers.Remove("tracestate");
        request.Headers.TryAddWithoutValidation("traceparent", activity.Id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            request.Headers.TryAddWithoutValidation("tracestate", activity.TraceStateString);
        }
    }

    /// <summary>
    /// The span of a finished pipeline run, emitted once it is over (from its recorded creation to its finish), in
    /// the run's trace: the state and the run's identity as attributes, status Error unless it succeeded.
    /// </summary>
    public static void EmitRun(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.FinishTime is not { } finished)
        {
            return;
        }

        using var activity = BelfryActivities.StartRoot(RunSpanName, ActivityKind.Internal, BelfryActivities.RunTraceId(RunName(run.Pipeline, run.Id)), run.CreateTime);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("belfry.project", run.Pipeline.Project);
        activity.SetTag("belfry.location", run.Pipeline.Location);
        activity.SetTag("belfry.pipeline", run.Pipeline.PipelineId);
        activity.SetTag("belfry.pipeline_run", run.Id);
        activity.SetTag("belfry.run_state", run.State.ToString().ToUpperInvariant());
        activity.SetStatus(run.State == PipelineRunState.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, run.State == PipelineRunState.Succeeded ? null : $"the run {run.State.ToString().ToLowerInvariant()}");
        activity.SetEndTime(finished.UtcDateTime);
    }

    private static string RunName(PipelineStepRef step) => RunName(step.Pipeline, step.RunId);

    private static string RunName(PipelineName pipeline, string runId) => $"{pipeline.FullName}/runs/{runId}";
}
