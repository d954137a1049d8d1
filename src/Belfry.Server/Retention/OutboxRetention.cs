using Belfry.Core.Storage;
using Belfry.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Retention;

/// <summary>
/// One pass over the notification outbox (issue 14, M6): deletes delivered and failed notifications that finished more
/// than <see cref="NotificationOptions.Retention"/> ago, <see cref="RetentionOptions.BatchSize"/> a store transaction,
/// until none are left, so the outbox holds about the retention's worth of notifications whatever their rate. (The
/// relay used to purge at most 1,000 rows an hour, which falls behind for good above about 24,000 a day.)
/// </summary>
internal sealed class OutboxRetention(
    INotificationOutbox outbox, TimeProvider time, IOptions<NotificationOptions> notifications, IOptions<RetentionOptions> options,
    ILogger<OutboxRetention> logger)
{
    private readonly TimeSpan _age = notifications.Value.Retention;
    private readonly int _batchSize = options.Value.BatchSize;

    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - _age;
        var deleted = await RetentionBatches.DeleteAllAsync(
            (max, ct) => outbox.PurgeNotificationsAsync(before, max, ct), _batchSize, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            Log.PurgedNotifications(logger, deleted, before);
        }

        return deleted;
    }
}
