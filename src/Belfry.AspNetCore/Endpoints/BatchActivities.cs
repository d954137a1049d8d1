using System.Diagnostics;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.RunKeys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// The span of one batch request (<see cref="BelfryBatchTelemetry"/>). Its parent is ASP.NET Core's request activity
/// when there is one (the host makes it only when something listens, and it has parsed <c>traceparent</c> then);
/// otherwise the SDK reads <c>traceparent</c> and <c>tracestate</c> itself, so the handler joins the scheduler's
/// trace either way. The handler runs under it: its own spans are children of the batch span.
/// </summary>
internal static class BatchActivities
{
    public const string SpanName = "belfry.batch";

    public static readonly ActivitySource Source = new(BelfryBatchTelemetry.ActivitySourceName);

    public static Activity? Start(HttpContext context)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } request)
        {
            return Source.StartActivity(SpanName, ActivityKind.Internal, request.Context);
        }

        // No request activity: this span is the service's side of the call. A missing or malformed traceparent
        // starts a new trace, as the host would.
        var headers = context.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent, headers.TraceState, isRemote: true, out var parent);
        return Source.StartActivity(SpanName, ActivityKind.Server, parent);
    }

    /// <summary>Tags the batch span with the run it claimed: job, run key, execution, attempt and epochs.</summary>
    public static void Claimed(RunIdentity run, RunLease lease)
    {
        if (Activity.Current is not { } activity || activity.Source != Source || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("belfry.job", run.JobName);
        activity.SetTag("belfry.run_key", run.RunKey);
        activity.SetTag("belfry.execution", run.ExecutionId);
        activity.SetTag("belfry.attempt", run.Attempt);
        activity.SetTag("belfry.epoch", run.Epoch);
        activity.SetTag("belfry.ledger_epoch", lease.Epoch);
    }

    /// <summary>Tags the batch span (if this request has one) with the answer it gave.</summary>
    public static void Answered(int statusCode, BatchResponse body)
    {
        if (Activity.Current is not { } activity || activity.Source != Source)
        {
            return;
        }

        activity.SetTag("http.response.status_code", statusCode);
        activity.SetTag("belfry.batch.status", body.Status);
        if (body.RunKey is not null)
        {
            activity.SetTag("belfry.run_key", body.RunKey);
        }

        if (statusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error, body.Status);
        }
    }
}
