using Belfry.Core.Alerts;
using Belfry.Core.Notifications;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Alerts;

/// <summary>
/// One pass of the alert watcher: evaluates every alert policy (<see cref="AlertPolicyRules"/>) and the missed-run
/// deadlines of watched jobs (<see cref="MissedRunPlanner"/>), each in one store transaction that also enqueues the
/// events. Runs at start-up, so runs the server slept through are found from the schedule, then every interval.
/// </summary>
internal sealed class AlertWatcher(
    IAlertPolicyStore alertPolicies, IMissedRunStore missedRuns, ScheduleCache schedules, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertWatcher> logger)
{
    private static readonly TimeSpan BrokenScheduleRetry = TimeSpan.FromHours(1);
    private readonly AlertOptions _options = options.Value;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await alertPolicies.EvaluateAlertPoliciesAsync(now, check => EvaluatePolicy(check, now), cancellationToken).ConfigureAwait(false);
        await missedRuns.CheckMissedRunsAsync(now, _options.MissedRunBatchSize, check => CheckMissedRuns(check, now), cancellationToken).ConfigureAwait(false);
    }

    private AlertPolicyDecision EvaluatePolicy(AlertPolicyCheck check, DateTimeOffset now)
    {
        var decision = AlertPolicyRules.Evaluate(check, now);
        if (decision.Event is { } e)
        {
            var what = e.Kind == NotificationEventKind.AlertResolved ? "resolved" : $"{e.Failures} failures in the window, threshold {e.Threshold}";
            Log.PolicyEvent(logger, check.Policy.Name.FullName, what);
        }

        return decision;
    }

    private MissedRunDecision CheckMissedRuns(MissedRunCheck check, DateTimeOffset now)
    {
        var job = check.Job;
        try
        {
            var decision = MissedRunPlanner.Evaluate(check, schedules.Get(job.Schedule, job.TimeZone), now);
            foreach (var e in decision.Events)
            {
                if (e.Kind == NotificationEventKind.MissedRun)
                {
                    Log.MissedRun(logger, job.Name.FullName, e.MissedCount, e.FirstMissed ?? now);
                }
                else
                {
                    Log.MissedRunResolved(logger, job.Name.FullName);
                }
            }

            return decision;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A schedule that no longer evaluates must not stall the other jobs.
            Log.MissedRunCheckFailed(logger, job.Name.FullName, e);
            return new MissedRunDecision(check.Watch, now + BrokenScheduleRetry, []);
        }
    }
}
