namespace Belfry.Core.Notifications;

/// <summary>One event a change set puts in the notification outbox, and the channels it goes to (one row each).</summary>
internal readonly record struct OutboxEvent(IReadOnlyList<string> Channels, NotificationEvent Event);
