using Belfry.Core.Notifications;

namespace Belfry.Core.Jobs;

/// <summary>Belfry-only job settings (the optional <c>belfry</c> object on the wire).</summary>
internal sealed record BelfrySettings(OverlapPolicy Overlap, CatchUpPolicy CatchUp, TimeSpan CatchUpWindow)
{
    public static TimeSpan DefaultCatchUpWindow { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The largest catch-up window (docs/semantics.md, "Catch-up after downtime"): a week covers a long weekend's
    /// outage, and bounds what the planner enumerates after one (before issue 10 a 2,000-year window made it throw).
    /// </summary>
    public static TimeSpan MaxCatchUpWindow { get; } = TimeSpan.FromDays(7);

    public static BelfrySettings Default { get; } = new(OverlapPolicy.Coalesce, CatchUpPolicy.Latest, DefaultCatchUpWindow);

    /// <summary>Where failure, recovery and success messages go (docs/notifications.md).</summary>
    public NotificationRoutes Notify { get; init; } = NotificationRoutes.None;

    /// <summary>The dead-man's switch: each scheduled time must see a success within this; null: not watched.</summary>
    public TimeSpan? MissedRunDeadline { get; init; }
}
