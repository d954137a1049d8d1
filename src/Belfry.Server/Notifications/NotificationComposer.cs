using System.Globalization;
using System.Text.Json.Nodes;
using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Notifications;
using Belfry.Server.Dashboard;
using Belfry.Server.Hosting;
using Belfry.Server.Identity;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Notifications;

/// <summary>
/// Turns a stored event into the message every channel renders (docs/notifications.md, "Messages"): a title, a
/// sentence or two with schedule times in the job's zone, fields, a link to the execution in the dashboard
/// (<c>Belfry:DashboardUrl</c>, else this server's own <c>/ui</c>), and the structured data of the generic webhook body.
/// </summary>
internal sealed class NotificationComposer(IOptions<ServerOptions> options, IssuerUrl issuer)
{
    private readonly string? _dashboardUrl = options.Value.DashboardUrl?.TrimEnd('/');

    public Notification Compose(string id, NotificationEvent e, string channelId)
    {
        ArgumentNullException.ThrowIfNull(e);
        var job = e.Job?.JobId ?? "";
        var when = e.ScheduleTime is { } scheduled ? Local(scheduled, e.TimeZone) : "";
        var run = Run(e, when);
        var (type, tone, title, text) = e.Kind switch
        {
            NotificationEventKind.ExecutionFailed => ("execution.failed", NotificationTone.Failure, $"Job failed: {job}",
                $"{run} failed after {Attempts(e.Attempts)}. Last answer: {Answer(e)}."),
            NotificationEventKind.ExecutionRecovered => ("execution.recovered", NotificationTone.Success, $"Job recovered: {job}",
                $"{run} succeeded after {Attempts(e.Attempts)}; the job had failed before."),
            NotificationEventKind.ExecutionSucceeded => ("execution.succeeded", NotificationTone.Success, $"Job succeeded: {job}",
                $"{run} succeeded after {Attempts(e.Attempts)}."),
            NotificationEventKind.MissedRun => ("job.missed_run", NotificationTone.Failure, $"Missed run: {job}", MissedText(e)),
            NotificationEventKind.MissedRunResolved => ("job.missed_run_resolved", NotificationTone.Success, $"Back on schedule: {job}",
                $"{run} succeeded; {job} is no longer missing its deadline."),
            NotificationEventKind.AlertFiring => ("alert.firing", NotificationTone.Failure, $"Alert: {e.Policy?.PolicyId}", FiringText(e)),
            NotificationEventKind.AlertResolved => ("alert.resolved", NotificationTone.Success, $"Resolved: {e.Policy?.PolicyId}",
                $"Fewer than {e.Threshold} failed executions in the last {Window(e)}: the alert cleared."),
            NotificationEventKind.PipelineRunFailed => ("pipeline.run_failed", NotificationTone.Failure, $"Pipeline failed: {e.Pipeline?.PipelineId}",
                RunFailedText(e, when)),
            NotificationEventKind.PipelineRunRecovered => ("pipeline.run_recovered", NotificationTone.Success, $"Pipeline recovered: {e.Pipeline?.PipelineId}",
                $"Pipeline {e.Pipeline?.PipelineId} run {e.RunId} succeeded after a resume: every step has run. It was scheduled for {when}."),
            NotificationEventKind.Test => ("channel.test", NotificationTone.Success, "Belfry test notification",
                $"Channel {channelId} is set up: this message came through."),
            _ => ("event", NotificationTone.Failure, "Belfry notification", e.Kind.ToString()),
        };
        return new Notification
        {
            Id = id,
            Type = type,
            Tone = tone,
            Title = title,
            Text = text,
            Detail = e.Kind is NotificationEventKind.ExecutionFailed or NotificationEventKind.PipelineRunFailed ? Detail(e) : null,
            Time = e.Time,
            Link = Link(e),
            Fields = Fields(e, when),
            Data = Data(e),
        };
    }

    /// <summary>RFC 3339 with the job's offset at that instant, as <c>X-CloudScheduler-ScheduleTime</c>.</summary>
    public static string Rfc3339(DateTimeOffset instant, string? timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary><c>2027-01-02 06:00 +09:00 (Asia/Tokyo)</c>: the wall-clock time people scheduled, with its offset and zone.</summary>
    public static string Local(DateTimeOffset instant, string? timeZone)
    {
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var format = local.Second == 0 ? "yyyy-MM-dd HH:mm zzz" : "yyyy-MM-dd HH:mm:ss zzz";
        return $"{local.ToString(format, CultureInfo.InvariantCulture)} ({timeZone ?? "Etc/UTC"})";
    }

    private static TimeZoneInfo Zone(string? timeZone)
    {
        try
        {
            return timeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static string Answer(NotificationEvent e) => e.StatusCode is { } code ? $"HTTP {code}" : "no answer";

    /// <summary>A manual run (<c>:run</c>) says so: it was started then, not scheduled for then.</summary>
    private static string Run(NotificationEvent e, string when) =>
        e.Trigger == ExecutionTrigger.Manual ? $"The manual run started at {when}" : $"The run scheduled for {when}";

    /// <summary>
    /// The failure's status message (<c>HTTP 500: boom</c>, or why no answer came), then the body's excerpt unless the
    /// message already holds all of it; the formatters cut it to their channel's limits.
    /// </summary>
    private static string? Detail(NotificationEvent e)
    {
        var excerpt = e.ResponseExcerpt?.Trim();
        if (string.IsNullOrEmpty(excerpt) || (e.Error?.Contains(excerpt, StringComparison.Ordinal) ?? false))
        {
            return e.Error;
        }

        return e.Error is null ? excerpt : $"{e.Error}\n\n{excerpt}";
    }

    private static string Window(NotificationEvent e) => e.Window is { } window ? HumanDuration.Format(window) : "window";

    private static string MissedText(NotificationEvent e)
    {
        var deadline = e.Deadline is { } d ? HumanDuration.Format(d) : "its deadline";
        if (e.MissedCount <= 1)
        {
            return $"The run scheduled for {Local(e.FirstMissed ?? e.Time, e.TimeZone)} had not succeeded {deadline} after its time.";
        }

        return $"{e.MissedCount} scheduled runs, from {Local(e.FirstMissed ?? e.Time, e.TimeZone)} to {Local(e.LastMissed ?? e.Time, e.TimeZone)}, " +
            $"had not succeeded {deadline} after their time (was the server down?).";
    }

    /// <summary>"Pipeline daily-pipeline run R failed at step merge; report not run." then the step's attempts and last answer.</summary>
    private static string RunFailedText(NotificationEvent e, string when)
    {
        var notRun = e.NotRunSteps.Count == 0 ? "" : $"; {string.Join(", ", e.NotRunSteps)} not run";
        return $"Pipeline {e.Pipeline?.PipelineId} run {e.RunId} failed at step {e.Step}{notRun}. " +
            $"The run was scheduled for {when}; {e.Step} failed after {Attempts(e.Attempts)}. Last answer: {Answer(e)}.";
    }

    private static string FiringText(NotificationEvent e)
    {
        var text = $"{e.Failures} failed {(e.Failures == 1 ? "execution" : "executions")} in the last {Window(e)} (threshold {e.Threshold})";
        if (e.Repeat)
        {
            text += $"; {e.NewFailures} new since the last message";
        }

        text += ".";
        if (e.FailingJobs.Count > 0)
        {
            text += "\nFailing jobs: " + string.Join(", ", e.FailingJobs.Select(j => $"{j.JobId} ×{j.Count}"));
        }

        return text;
    }

    /// <summary>
    /// The page the message is about: an alert policy's row for an alert, a pipeline run's for a pipeline's events (whose <c>Job</c> is the failed step's
    /// internal job, which has no page of its own), else the job's, marking the execution.
    /// </summary>
    private string? Link(NotificationEvent e)
    {
        // The issuer is the server's own base URL unless set (IssuerUrl), read per message: it is known once the server has bound.
        var dashboard = _dashboardUrl ?? issuer.Value + DashboardPaths.Root;
        if (e.Kind is NotificationEventKind.AlertFiring or NotificationEventKind.AlertResolved && e.Policy is { } policy)
        {
            // The policy's row on the notifications page, not the latest failure's job: the alert is about the policy.
            return dashboard + Beneath(DashboardPaths.Policy(policy.Project, policy.Location, policy.PolicyId));
        }

        if (e.Pipeline is { } pipeline && e.RunId is { } run)
        {
            return dashboard + Beneath(DashboardPaths.PipelineRun(pipeline.Project, pipeline.Location, pipeline.PipelineId, run));
        }

        if (e.Job is not { } job)
        {
            return null;
        }

        var jobLink = dashboard + Beneath(DashboardPaths.Job(job.Project, job.Location, job.JobId));
        return e.ExecutionId is { } execution ? $"{jobLink}/executions/{execution}" : jobLink;
    }

    /// <summary>A dashboard path without its <c>/ui</c>, to follow <c>Belfry:DashboardUrl</c>, which stands for <c>/ui</c>.</summary>
    private static string Beneath(string path) => path[DashboardPaths.Root.Length..];

    private static List<NotificationField> Fields(NotificationEvent e, string when)
    {
        var fields = new List<NotificationField>();
        switch (e.Kind)
        {
            case NotificationEventKind.ExecutionFailed or NotificationEventKind.ExecutionRecovered or NotificationEventKind.ExecutionSucceeded:
                fields.Add(new("Job", e.Job?.JobId ?? ""));
                fields.Add(new(e.Trigger == ExecutionTrigger.Manual ? "Manual run" : "Schedule time", when));
                fields.Add(new("Attempts", e.Attempts.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new("Last status", e.StatusCode is { } code ? $"HTTP {code}" : e.Error is null ? "-" : "no answer"));
                break;
            case NotificationEventKind.MissedRun or NotificationEventKind.MissedRunResolved:
                fields.Add(new("Job", e.Job?.JobId ?? ""));
                fields.Add(new(e.Kind == NotificationEventKind.MissedRun ? "Missed" : "Schedule time",
                    e.Kind == NotificationEventKind.MissedRun ? Local(e.FirstMissed ?? e.Time, e.TimeZone) : when));
                fields.Add(new("Deadline", e.Deadline is { } d ? HumanDuration.Format(d) : "-"));
                break;
            case NotificationEventKind.PipelineRunFailed or NotificationEventKind.PipelineRunRecovered:
                fields.Add(new("Pipeline", e.Pipeline?.PipelineId ?? ""));
                fields.Add(new("Run", e.RunId ?? ""));
                fields.Add(new("Schedule time", when));
                if (e.Kind == NotificationEventKind.PipelineRunFailed)
                {
                    fields.Add(new("Failed step", e.Step ?? ""));
                    fields.Add(new("Not run", e.NotRunSteps.Count == 0 ? "-" : string.Join(", ", e.NotRunSteps)));
                    fields.Add(new("Attempts", e.Attempts.ToString(CultureInfo.InvariantCulture)));
                    fields.Add(new("Last status", e.StatusCode is { } status ? $"HTTP {status}" : e.Error is null ? "-" : "no answer"));
                }

                break;
            case NotificationEventKind.AlertFiring or NotificationEventKind.AlertResolved:
                fields.Add(new("Policy", e.Policy?.PolicyId ?? ""));
                fields.Add(new("Failures", $"{e.Failures} (threshold {e.Threshold})"));
                fields.Add(new("Window", Window(e)));
                break;
        }

        return fields;
    }

    private static JsonObject Data(NotificationEvent e)
    {
        var data = new JsonObject();
        if (e.Job is { } job)
        {
            data["job"] = new JsonObject { ["name"] = job.TargetName, ["id"] = job.JobId, ["timeZone"] = e.TimeZone };
        }

        if (e.ExecutionId is { } id && e.Job is { } owner && e.Kind is not (NotificationEventKind.AlertFiring or NotificationEventKind.AlertResolved))
        {
            data["execution"] = new JsonObject
            {
                ["name"] = $"{owner.TargetName}/executions/{id}",
                ["id"] = id,
                ["scheduleTime"] = e.ScheduleTime is { } t ? Rfc3339(t, e.TimeZone) : null,
                ["trigger"] = e.Trigger switch { ExecutionTrigger.Manual => "MANUAL", ExecutionTrigger.CatchUp => "CATCH_UP", _ => "SCHEDULED" },
                ["attempts"] = e.Attempts,
                ["statusCode"] = e.StatusCode,
                ["error"] = e.Error,
                ["responseExcerpt"] = e.ResponseExcerpt,
            };
        }

        if (e.Kind is NotificationEventKind.MissedRun or NotificationEventKind.MissedRunResolved)
        {
            data["missedRun"] = new JsonObject
            {
                ["deadline"] = e.Deadline is { } d ? Api.DurationFormat.Format(d) : null,
                ["firstMissed"] = e.FirstMissed is { } first ? Rfc3339(first, e.TimeZone) : null,
                ["lastMissed"] = e.LastMissed is { } last ? Rfc3339(last, e.TimeZone) : null,
                ["count"] = e.MissedCount,
                ["resolvedBy"] = e.Kind == NotificationEventKind.MissedRunResolved && e.ScheduleTime is { } s ? Rfc3339(s, e.TimeZone) : null,
            };
        }

        if (e.Pipeline is { } pipeline)
        {
            data["pipeline"] = new JsonObject
            {
                ["name"] = pipeline.FullName,
                ["id"] = pipeline.PipelineId,
                ["run"] = e.RunId is { } run ? $"{pipeline.FullName}/runs/{run}" : null,
                ["scheduleTime"] = e.ScheduleTime is { } at ? Rfc3339(at, e.TimeZone) : null,
                ["failedStep"] = e.Step,
                ["notRun"] = e.Kind == NotificationEventKind.PipelineRunFailed ? new JsonArray([.. e.NotRunSteps.Select(s => JsonValue.Create(s))]) : null,
            };
        }

        if (e.Policy is { } policy)
        {
            data["alertPolicy"] = new JsonObject
            {
                ["name"] = policy.FullName,
                ["id"] = policy.PolicyId,
                ["failures"] = e.Failures,
                ["threshold"] = e.Threshold,
                ["window"] = e.Window is { } w ? Api.DurationFormat.Format(w) : null,
                ["repeat"] = e.Repeat,
                ["failingJobs"] = new JsonArray([.. e.FailingJobs.Select(j => (JsonNode)new JsonObject { ["job"] = j.JobId, ["count"] = j.Count })]),
            };
        }

        RemoveNulls(data);
        return data;
    }

    private static void RemoveNulls(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }

        foreach (var child in node.Select(p => p.Value).OfType<JsonObject>())
        {
            RemoveNulls(child);
        }
    }
}
