namespace Belfry.Core.Notifications;

/// <summary>One event an execution's end raises, and the channels it goes to.</summary>
internal sealed record ExecutionNotice(NotificationEventKind Kind, IReadOnlyList<string> Channels);
