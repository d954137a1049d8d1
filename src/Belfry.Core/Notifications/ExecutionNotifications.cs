namespace Belfry.Core.Notifications;

/// <summary>
/// Which events an execution's final outcome raises (docs/notifications.md, "Job routes"): a failure after the last
/// retry goes to <c>notifyOnFailure</c> (never a failed attempt that will be retried: the store asks only for final
/// outcomes); the first success after a failure goes to <c>notifyOnRecovery</c>; every success goes to
/// <c>notifyOnSuccess</c>, except to a channel that already gets the recovery message for it.
/// </summary>
internal static class ExecutionNotifications
{
    public const int MaxErrorLength = 300;

    public static IReadOnlyList<ExecutionNotice> Decide(NotificationRoutes routes, ExecutionOutcome? previous, ExecutionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (outcome == ExecutionOutcome.Failed)
        {
            return routes.OnFailure.Count == 0 ? [] : [new ExecutionNotice(NotificationEventKind.ExecutionFailed, routes.OnFailure)];
        }

        var notices = new List<ExecutionNotice>(2);
        var recovered = previous == ExecutionOutcome.Failed && routes.OnRecovery.Count > 0;
        if (recovered)
        {
            notices.Add(new ExecutionNotice(NotificationEventKind.ExecutionRecovered, routes.OnRecovery));
        }

        var success = recovered ? routes.OnSuccess.Except(routes.OnRecovery, StringComparer.Ordinal).ToList() : routes.OnSuccess;
        if (success.Count > 0)
        {
            notices.Add(new ExecutionNotice(NotificationEventKind.ExecutionSucceeded, success));
        }

        return notices;
    }

    /// <summary>The error excerpt an event carries: the attempt's error, else its status message, cut short.</summary>
    public static string? Excerpt(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return null;
        }

        var text = error.Trim();
        return text.Length <= MaxErrorLength ? text : string.Concat(text.AsSpan(0, MaxErrorLength - 1), "…");
    }
}
