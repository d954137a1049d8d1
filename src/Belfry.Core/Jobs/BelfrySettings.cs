using Belfry.Core.Notifications;

namespace Belfry.Core.Jobs;

/// <summary>Belfry-only job settings (the optional <c>belfry</c> object on the wire).</summary>
internal sealed record BelfrySettings(OverlapPolicy Overlap, CatchUpPolicy CatchUp, TimeSpan CatchUpWindow)
{
    public static TimeSpan DefaultCatchUpWindow { get; } = TimeSpan.FromHours(1);

    public static BelfrySettings Default { get; } = new(OverlapPolicy.Coalesce, CatchUpPolicy.Latest, DefaultCatchUpWindow);

    /// <summary>Where failure, recovery and success messages go (docs/notifications.md).</summary>
    public NotificationRoutes Notify { get; init; } = NotificationRoutes.None;

    /// <summary>The dead-man's switch: each scheduled time must see a success within this; null: not watched.</summary>
    public TimeSpan? MissedRunDeadline { get; init; }
}
