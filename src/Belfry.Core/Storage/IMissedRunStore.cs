using Belfry.Core.Alerts;

namespace Belfry.Core.Storage;

/// <summary>
/// Missed-run checking (docs/notifications.md, "Missed runs"): its own contract, apart from alert policies, because it
/// reads jobs and their successes rather than policies. One transaction per check; "now" is a parameter. Its events
/// enter the outbox (<see cref="INotificationOutbox"/>) in that same transaction, which excludes every other check (on
/// any node), so a missed run alerts once.
/// </summary>
internal interface IMissedRunStore
{
    /// <summary>
    /// For up to <paramref name="maxJobs"/> Enabled jobs with a missed-run deadline whose bookmark is due, restarted
    /// or has an open alert: lists their successes from <see cref="MissedRunPlanner.SuccessesFrom"/>, asks
    /// <paramref name="decide"/>, stores the bookmark and enqueues missed-run events to the job's
    /// <c>notifyOnFailure</c> channels and resolutions to its <c>notifyOnRecovery</c> channels, in one transaction.
    /// Returns how many jobs were looked at.
    /// </summary>
    Task<int> CheckMissedRunsAsync(DateTimeOffset now, int maxJobs, Func<MissedRunCheck, MissedRunDecision> decide, CancellationToken cancellationToken);
}
