using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Core.Storage;

/// <summary>
/// Channels, alert policies and the notification outbox (docs/notifications.md). Every method is one transaction;
/// "now" is a parameter. Events enter the outbox in the transaction of the state change that causes them:
/// <see cref="IJobStore.RecordAttemptAsync"/> (an execution's final outcome), <see cref="EvaluateAlertPoliciesAsync"/>
/// and <see cref="CheckMissedRunsAsync"/>; so none is lost or raised twice across a crash. Rows are then claimed under
/// a lease, sent, and recorded: delivered at least once, with a stable id receivers de-duplicate on.
/// </summary>
internal interface INotificationStore
{
    /// <summary>Throws <see cref="ResourceAlreadyExistsException"/> when the name is taken.</summary>
    Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken);

    Task<Channel?> GetChannelAsync(ChannelName name, CancellationToken cancellationToken);

    /// <summary>Channels under a location by id. Throws <see cref="InvalidPageTokenException"/> on a foreign token.</summary>
    Task<ChannelPage> ListChannelsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Replaces the channel's definition (not its create time). False when there is no such channel.</summary>
    Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary>Deletes the channel; its undelivered notifications fail when their turn comes. False when there was none.</summary>
    Task<bool> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ResourceAlreadyExistsException"/> when the name is taken. The status starts OK.</summary>
    Task CreateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken);

    Task<AlertPolicy?> GetAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken);

    Task<AlertPolicyPage> ListAlertPoliciesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Replaces the definition; the status is the evaluator's and is kept. False when there is no such policy.</summary>
    Task<bool> UpdateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken);

    Task<bool> DeleteAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken);

    /// <summary>Adds an event for one channel to the outbox, due at <paramref name="now"/>; returns its id.</summary>
    Task<string> EnqueueNotificationAsync(string channel, NotificationEvent notificationEvent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> outbox rows that are Pending and due, or Sending with an expired lease:
    /// each becomes Sending until now + <paramref name="lease"/>, its try count raised. Answered in the order the rows
    /// were enqueued.
    /// </summary>
    Task<IReadOnlyList<OutboxNotification>> ClaimNotificationsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records a try. False (nothing written) when the row is no longer Sending at that try.</summary>
    Task<bool> RecordNotificationAsync(NotificationResult result, CancellationToken cancellationToken);

    /// <summary>The earliest instant an outbox row becomes due (a retry or a lease expiry).</summary>
    Task<DateTimeOffset?> GetNextNotificationDueAsync(CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> delivered or failed rows that finished before <paramref name="before"/>.</summary>
    Task<int> PurgeNotificationsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// For every alert policy: lists the failed executions of its location that finished in (now − window, now]
    /// (the most recent 1000), asks <paramref name="decide"/>, stores the new status and enqueues the event for each
    /// of the policy's channels, in one transaction. Returns how many events were enqueued.
    /// </summary>
    Task<int> EvaluateAlertPoliciesAsync(DateTimeOffset now, Func<AlertPolicyCheck, AlertPolicyDecision> decide, CancellationToken cancellationToken);

    /// <summary>
    /// For up to <paramref name="maxJobs"/> Enabled jobs with a missed-run deadline whose bookmark is due, restarted
    /// or has an open alert: lists their successes from <see cref="MissedRunPlanner.SuccessesFrom"/>, asks
    /// <paramref name="decide"/>, stores the bookmark and enqueues missed-run events to the job's
    /// <c>notifyOnFailure</c> channels and resolutions to its <c>notifyOnRecovery</c> channels, in one transaction.
    /// Returns how many jobs were looked at.
    /// </summary>
    Task<int> CheckMissedRunsAsync(DateTimeOffset now, int maxJobs, Func<MissedRunCheck, MissedRunDecision> decide, CancellationToken cancellationToken);
}
