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

    /// <summary>
    /// Extends to <paramref name="leaseUntil"/> (never shortening) the leases of the rows in <paramref name="held"/>
    /// that are still Sending at the try they were claimed at, and returns their ids. A row left out was taken over or
    /// recorded since: its old holder must not send it. The relay calls this before each send, for the row it is about
    /// to send and the rows of that channel queued behind it, so no lease lapses while a slow receiver is answering.
    /// </summary>
    Task<IReadOnlySet<string>> RenewNotificationLeasesAsync(IReadOnlyCollection<OutboxNotification> held, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Holds back every row of <paramref name="channel"/> until <paramref name="until"/> (the receiver's
    /// <c>retry_after</c>): the rows in <paramref name="held"/> still Sending at their try go back to Pending at
    /// <paramref name="until"/> with that try uncounted (it was never sent), and every other Pending row of the channel
    /// due sooner is moved to <paramref name="until"/>; so the pause outlives a restart and binds other nodes for the
    /// rows that exist. Returns how many rows it moved.
    /// </summary>
    Task<int> PauseNotificationChannelAsync(string channel, DateTimeOffset until, IReadOnlyCollection<OutboxNotification> held, CancellationToken cancellationToken);

    /// <summary>Records a try. False (nothing written) when the row is no longer Sending at that try.</summary>
    Task<bool> RecordNotificationAsync(NotificationResult result, CancellationToken cancellationToken);

    /// <summary>The earliest instant an outbox row becomes due (a retry or a lease expiry).</summary>
    Task<DateTimeOffset?> GetNextNotificationDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The channels whose notifications are failing now, newest failure first, at most <paramref name="max"/>: each
    /// with its notifications retrying after a failed try, and those given up at or after <paramref name="since"/> and
    /// after the channel's newest delivery (a channel that delivered since is no longer failing for them). For the
    /// dashboard (docs/dashboard.md); it reads failed and retrying rows only, through indexes on the state.
    /// </summary>
    Task<IReadOnlyList<FailingChannel>> ListFailingChannelsAsync(DateTimeOffset since, int max, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> delivered or failed rows that finished before <paramref name="before"/>.</summary>
    Task<int> PurgeNotificationsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
