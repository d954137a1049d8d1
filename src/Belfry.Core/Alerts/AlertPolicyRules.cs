using Belfry.Core.Notifications;

namespace Belfry.Core.Alerts;

/// <summary>
/// Decides, without I/O, what an alert policy does at <c>now</c> (docs/notifications.md, "Alert policies"):
/// <list type="bullet">
/// <item>OK, and at least <c>failures</c> matching failures finished in (now − window, now] and after the policy's
/// <see cref="AlertPolicy.ConditionTime"/>: fire (one message). What came before the policy (or before its condition
/// last changed) is not judged.</item>
/// <item>Firing, still at or above the threshold: repeat only when failures arrived since the last message and the
/// rate limit has passed since it (Cloud Monitoring's <c>notificationRateLimit</c>).</item>
/// <item>Firing, below the threshold: resolve (one message). A disabled policy goes quietly back to OK.</item>
/// </list>
/// </summary>
internal static class AlertPolicyRules
{
    public const int MaxFailingJobsShown = 5;

    public static AlertPolicyDecision Evaluate(AlertPolicyCheck check, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(check);
        var policy = check.Policy;
        var status = policy.Status;
        if (!policy.Enabled)
        {
            return new AlertPolicyDecision(AlertPolicyStatus.Ok, null);
        }

        var from = JudgedFrom(policy, now);
        var matching = check.Failures.Where(f => f.FinishTime > from && f.FinishTime <= now && policy.Matches(f.Job.JobId)).ToList();
        if (matching.Count >= policy.Failures)
        {
            if (!status.Firing)
            {
                return new AlertPolicyDecision(new AlertPolicyStatus(true, now, now), Event(policy, matching, now, NotificationEventKind.AlertFiring));
            }

            var last = status.LastNotifyTime ?? status.FiringSince ?? now;
            var fresh = matching.Count(f => f.FinishTime > last);
            if (fresh > 0 && now - last >= policy.RateLimit)
            {
                var repeat = Event(policy, matching, now, NotificationEventKind.AlertFiring) with { Repeat = true, NewFailures = fresh };
                return new AlertPolicyDecision(status with { LastNotifyTime = now }, repeat);
            }

            return new AlertPolicyDecision(status, null);
        }

        return status.Firing
            ? new AlertPolicyDecision(AlertPolicyStatus.Ok, Event(policy, matching, now, NotificationEventKind.AlertResolved))
            : new AlertPolicyDecision(status, null);
    }

    /// <summary>The start of the instants judged at <paramref name="now"/>: the window, never before the condition's time.</summary>
    public static DateTimeOffset JudgedFrom(AlertPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var windowStart = now - policy.Window;
        return windowStart > policy.ConditionTime ? windowStart : policy.ConditionTime;
    }

    private static NotificationEvent Event(AlertPolicy policy, List<RecentFailure> failures, DateTimeOffset now, NotificationEventKind kind)
    {
        var latest = failures.OrderByDescending(f => f.FinishTime).FirstOrDefault();
        return new NotificationEvent
        {
            Kind = kind,
            Time = now,
            Policy = policy.Name,
            Failures = failures.Count,
            Threshold = policy.Failures,
            Window = policy.Window,
            Job = latest?.Job,
            ExecutionId = latest?.ExecutionId,
            ScheduleTime = latest?.ScheduleTime,
            FailingJobs =
            [
                .. failures.GroupBy(f => f.Job.JobId, StringComparer.Ordinal)
                    .Select(g => new JobFailureCount(g.Key, g.Count()))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.JobId, StringComparer.Ordinal)
                    .Take(MaxFailingJobsShown),
            ],
        };
    }
}
