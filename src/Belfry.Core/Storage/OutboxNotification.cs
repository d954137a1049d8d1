using Belfry.Core.Notifications;

namespace Belfry.Core.Storage;

/// <summary>
/// An outbox row this node now owns until <see cref="LeaseUntil"/>: the event for one channel. <see cref="Id"/> is
/// the notification's id (sent as <c>X-Belfry-Event-Id</c>, the same on every try); <see cref="AttemptNumber"/>
/// counts tries, this one included, and fences the result.
/// </summary>
internal sealed record OutboxNotification(
    string Id, string Channel, NotificationEvent Event, int AttemptNumber, DateTimeOffset CreateTime, DateTimeOffset LeaseUntil);
