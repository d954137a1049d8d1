using System.Collections.Concurrent;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Notifications.Delivery;
using Belfry.Notifications.Secrets;
using Belfry.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Notifications;

/// <summary>
/// One relay cycle (the dispatcher's pattern): claim due outbox rows under a lease, start sending them, and say
/// when the next row is due. A send never touches dispatch: the dispatcher only wrote the row. Each try's result is
/// recorded: delivered; retried on 429, 5xx, timeouts and connection errors after the receiver's
/// <c>retry_after</c>/<c>Retry-After</c> or a doubling backoff; or given up (another 4xx, a deleted channel, or the
/// bound of <see cref="NotificationOptions.MaxAttempts"/> tries / <see cref="NotificationOptions.MaxAge"/>) with an
/// error log and <c>belfry.notifications.failed</c>. A 429 (or an answer naming a wait) pauses the whole channel
/// (<see cref="ChannelPauses"/>); a channel's queue keeps its leases while it waits behind a slow receiver (issue 14, M7).
/// </summary>
internal sealed class NotificationRelay(
    INotificationOutbox store,
    IChannelStore channels,
    NotificationSender sender,
    NotificationComposer composer,
    ChannelEndpointResolver endpoints,
    BelfryMetrics metrics,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationRelay> logger)
{
    private readonly NotificationOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private readonly ChannelPauses _pauses = new();
    private int _sending;

    public bool AtCapacity => Volatile.Read(ref _sending) >= _options.MaxInFlight;

    /// <summary>Runs one cycle at the current time and returns the next instant a row is due.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var capacity = _options.MaxInFlight - Volatile.Read(ref _sending);
        if (capacity > 0)
        {
            // Channels are sent to in parallel; one channel's messages one after another, in the order they were
            // raised, so a chat reads "failed" before "recovered".
            var claims = await store.ClaimNotificationsAsync(now, capacity, _options.Lease, cancellationToken).ConfigureAwait(false);
            foreach (var channel in claims.GroupBy(c => c.Channel, StringComparer.Ordinal))
            {
                var key = $"{channel.Key}/{channel.First().Id}/{channel.First().AttemptNumber}";
                Interlocked.Add(ref _sending, channel.Count());
                var sending = SendInOrderAsync([.. channel], cancellationToken);
                _inFlight[key] = sending;

                // Removed once done, and never before it was added: a fast send may finish before the line above runs.
                _ = sending.ContinueWith(
                    done => _inFlight.TryRemove(KeyValuePair.Create(key, done)),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return await store.GetNextNotificationDueAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when every send started so far has been recorded.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            // Completed sends are dropped here too: their own removal may not have run yet, and awaiting only
            // completed tasks would never yield to it.
            foreach (var entry in _inFlight.Where(e => e.Value.IsCompleted).ToList())
            {
                _inFlight.TryRemove(entry);
            }

            if (_inFlight.IsEmpty)
            {
                return;
            }

            await Task.WhenAll(_inFlight.Values.ToArray()).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one channel's claimed rows in order. Before each send it renews the leases of that row and of those queued
    /// behind it once the earliest might end within two timeouts: a send lasts at most <see cref="NotificationOptions.Timeout"/>,
    /// so no lease lapses while a slow receiver answers, and no other sender (nor this relay's next cycle) claims a
    /// row still queued here and sends it a second time (issue 14, M7). A row the renewal no longer finds held was
    /// taken over meanwhile (a stalled store, a clock jump) and is skipped: its new holder sends it. Once the receiver
    /// asks for a pause, the rest go back to the store until it ends, their tries uncounted.
    /// </summary>
    private async Task SendInOrderAsync(List<OutboxNotification> queue, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var channel = queue[0].Channel;
        try
        {
            while (true)
            {
                if (_pauses.Until(channel, time.GetUtcNow()) is { } until)
                {
                    // Also with nothing left here: the channel's other Pending rows are moved to the pause's end, so it holds across a restart.
                    await store.PauseNotificationChannelAsync(channel, until, queue, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (queue.Count == 0 || !await KeepLeasesAsync(queue, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                var claim = queue[0];
                queue.RemoveAt(0);
                try
                {
                    await SendAsync(claim, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _sending);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the rows stay claimed; start-up recovery or their leases free them.
        }
        catch (Exception e)
        {
            Log.QueueFailed(logger, queue.Count, channel, e.GetType().Name);
        }
        finally
        {
            Interlocked.Add(ref _sending, -queue.Count);
        }
    }

    /// <summary>Renews the queue's leases when the earliest could end before the next send does; drops rows no longer held. False when nothing is left.</summary>
    private async Task<bool> KeepLeasesAsync(List<OutboxNotification> queue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (queue.Min(q => q.LeaseUntil) > now + _options.Timeout + _options.Timeout)
        {
            return true;
        }

        var leaseUntil = now + _options.Lease;
        var held = await store.RenewNotificationLeasesAsync(queue, leaseUntil, cancellationToken).ConfigureAwait(false);
        for (var i = queue.Count - 1; i >= 0; i--)
        {
            if (held.Contains(queue[i].Id))
            {
                queue[i] = queue[i] with { LeaseUntil = leaseUntil };
            }
            else
            {
                Log.LeaseLost(logger, queue[i].Id, queue[i].Channel);
                queue.RemoveAt(i);
                Interlocked.Decrement(ref _sending);
            }
        }

        return queue.Count > 0;
    }

    private async Task SendAsync(OutboxNotification claim, CancellationToken cancellationToken)
    {
        var type = claim.Event.Kind.ToString();
        try
        {
            var channel = ChannelName.TryParse(claim.Channel, out var name)
                ? await channels.GetChannelAsync(name, cancellationToken).ConfigureAwait(false)
                : null;
            if (channel is null)
            {
                await GiveUpAsync(claim, type, "unknown", null, "The channel no longer exists.", "channel_deleted").ConfigureAwait(false);
                return;
            }

            DeliveryResult result;
            try
            {
                var endpoint = endpoints.Resolve(channel);
                var notification = composer.Compose(claim.Id, claim.Event, channel.Name.ChannelId);
                type = notification.Type;
                result = await sender.SendAsync(endpoint, notification, _options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretUnavailableException e)
            {
                // Likely a variable missing from the server's environment: worth retrying once it is fixed.
                result = new DeliveryResult(DeliveryOutcome.Retry, null, null, e.Message);
            }

            await RecordAsync(claim, channel, type, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the row stays claimed; start-up recovery or the lease frees it, and it is sent again.
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SendFailed(logger, claim.Id, claim.Channel, e.GetType().Name);
        }
    }

    private async Task RecordAsync(OutboxNotification claim, Channel channel, string type, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        var channelName = channel.Name.ChannelId;
        var kind = channel.Kind.ToString().ToLowerInvariant();
        if (result is { Outcome: DeliveryOutcome.Retry, StatusCode: { } status } && (status == 429 || result.RetryAfter is not null))
        {
            // The receiver is throttling the webhook, not this message: the channel's other rows wait too, and aren't tried meanwhile.
            var until = now + Wait(claim, result);
            _pauses.Pause(claim.Channel, until);
            Log.ChannelPaused(logger, channelName, status, until);
        }

        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                if (await RecordAsync(new NotificationResult(claim.Id, claim.AttemptNumber, NotificationDelivery.Delivered, null, result.StatusCode, null, now)).ConfigureAwait(false))
                {
                    Log.Delivered(logger, claim.Id, type, channelName, result.StatusCode ?? 0);
                    metrics.NotificationsDelivered.Add(1, new KeyValuePair<string, object?>("channel.type", kind));
                }

                return;
            case DeliveryOutcome.Retry when NextAttempt(claim, result, now) is { } next:
                if (await RecordAsync(new NotificationResult(claim.Id, claim.AttemptNumber, NotificationDelivery.Pending, next, result.StatusCode, result.Error, now)).ConfigureAwait(false))
                {
                    Log.WillRetry(logger, claim.Id, type, channelName, claim.AttemptNumber, result.Error ?? "", next);
                }

                return;
            case DeliveryOutcome.Retry:
                await GiveUpAsync(claim, type, kind, result.StatusCode, $"{result.Error} No more retries.", "retries_exhausted", channelName).ConfigureAwait(false);
                return;
            default:
                await GiveUpAsync(claim, type, kind, result.StatusCode, result.Error ?? "Refused.", "rejected", channelName).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The receiver's pause if it named one, else a doubling backoff; null once the bound is reached.</summary>
    private DateTimeOffset? NextAttempt(OutboxNotification claim, DeliveryResult result, DateTimeOffset now)
    {
        if (claim.AttemptNumber >= _options.MaxAttempts)
        {
            return null;
        }

        var next = now + Wait(claim, result);
        return next <= claim.CreateTime + _options.MaxAge ? next : null;
    }

    private TimeSpan Wait(OutboxNotification claim, DeliveryResult result) =>
        result.RetryAfter ?? TimeSpan.FromTicks((long)Math.Min(_options.MaxBackoff.Ticks, _options.MinBackoff.Ticks * Math.Pow(2, claim.AttemptNumber - 1)));

    private async Task GiveUpAsync(OutboxNotification claim, string type, string kind, int? statusCode, string error, string reason, string? channel = null)
    {
        var now = time.GetUtcNow();
        if (await RecordAsync(new NotificationResult(claim.Id, claim.AttemptNumber, NotificationDelivery.Failed, null, statusCode, error, now)).ConfigureAwait(false))
        {
            Log.GaveUp(logger, claim.Id, type, channel ?? claim.Channel, claim.AttemptNumber, error);
            metrics.NotificationsFailed.Add(1, new KeyValuePair<string, object?>("channel.type", kind), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private async Task<bool> RecordAsync(NotificationResult result)
    {
        if (await store.RecordNotificationAsync(result, CancellationToken.None).ConfigureAwait(false))
        {
            return true;
        }

        Log.Fenced(logger, result.Id);
        return false;
    }
}
