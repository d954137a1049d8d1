using Belfry.Core.Notifications;

namespace Belfry.Core.Alerts;

/// <summary>The job's new bookmark, when it next needs looking at (null: never, the schedule has no more times), and the events raised.</summary>
internal sealed record MissedRunDecision(JobWatch Watch, DateTimeOffset? NextCheck, IReadOnlyList<NotificationEvent> Events);
