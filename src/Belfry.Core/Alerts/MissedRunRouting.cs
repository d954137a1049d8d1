using Belfry.Core.Notifications;

namespace Belfry.Core.Alerts;

/// <summary>
/// Where a missed-run check's events go (docs/notifications.md, "Missed runs"): a missed run to the job's
/// <c>notifyOnFailure</c> channels, its resolution to <c>notifyOnRecovery</c>.
/// </summary>
internal static class MissedRunRouting
{
    public static IReadOnlyList<OutboxEvent> Route(MissedRunDecision decision, NotificationRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(routes);
        if (decision.Events.Count == 0)
        {
            return [];
        }

        var events = new OutboxEvent[decision.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var notificationEvent = decision.Events[i];
            events[i] = new OutboxEvent(notificationEvent.Kind == NotificationEventKind.MissedRun ? routes.OnFailure : routes.OnRecovery, notificationEvent);
        }

        return events;
    }
}
