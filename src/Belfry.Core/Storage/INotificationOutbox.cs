using Belfry.Core.Notifications;

namespace Belfry.Core.Storage;

/// <summary>
/// The notification outbox (docs/notifications.md). Every method is one transaction; "now" is a parameter. Events
/// enter the outbox in the transaction of the state change that causes them: <see cref="IDispatchQueue.RecordAttemptAsync"/>
/// (an execution's final outcome), <see cref="IAlertPolicyStore.EvaluateAlertPoliciesAsync"/> and
/// <see cref="IMissedRunStore.CheckMissedRunsAsync"/>; so none is lost or raised twice across a crash. Rows are then
/// claimed under a lease, sent, and recorded: delivered at least once, with a stable id receivers de-duplicate on.
/// </summary>
internal interface INotificationOutbox
{
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
}
