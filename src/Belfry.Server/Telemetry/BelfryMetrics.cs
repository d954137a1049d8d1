using System.Diagnostics.Metrics;

namespace Belfry.Server.Telemetry;

/// <summary>The one <see cref="Meter"/> named <c>Belfry</c> (STYLE, "Code") and its instruments.</summary>
internal sealed class BelfryMetrics
{
    public const string MeterName = "Belfry";

    public BelfryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        NotificationsDelivered = Meter.CreateCounter<long>("belfry.notifications.delivered", "{notification}",
            "Notifications a channel accepted (2xx).");
        NotificationsFailed = Meter.CreateCounter<long>("belfry.notifications.failed", "{notification}",
            "Notifications given up: refused for good, channel gone, or retry bound reached. Tagged by channel type and reason.");
    }

    public Meter Meter { get; }

    public Counter<long> NotificationsDelivered { get; }

    public Counter<long> NotificationsFailed { get; }
}
