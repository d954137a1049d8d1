using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Notifications;

/// <summary>The outbox relay's settings (section <c>Belfry:Notifications</c>; docs/notifications.md, "Delivery").</summary>
internal sealed class NotificationOptions
{
    public const string SectionName = "Belfry:Notifications";

    /// <summary>Run the relay loop. Tests turn it off and call <see cref="NotificationRelay.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most notifications in flight at once (and claimed per store transaction).</summary>
    [Range(1, 10_000)]
    public int MaxInFlight { get; set; } = 50;

    /// <summary>How often the relay looks for new rows when nothing is due sooner; a new event waits at most this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one send may take before it counts as failed (and is retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A claimed row's lease; must exceed <see cref="Timeout"/>. A crashed sender's rows are re-sent after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tries per notification, the first included, before giving up.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>No retry later than this after the event.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wait before the first retry when the receiver named none; doubles per retry up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delivered and failed rows are deleted this long after they finished.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public bool IsValid() =>
        PollInterval > TimeSpan.Zero && Timeout > TimeSpan.Zero && Lease > Timeout && MaxAge > TimeSpan.Zero &&
        MinBackoff > TimeSpan.Zero && MaxBackoff >= MinBackoff && Retention > TimeSpan.Zero;
}
