namespace Belfry.Core.Alerts;

/// <summary>
/// The missed-run watcher's bookmark for one job: the clock start it was computed for (<see cref="Since"/>; a new
/// <c>Job.MissedRunSince</c> restarts it), the oldest scheduled time not yet confirmed (<see cref="Watermark"/>), and,
/// while a missed-run alert is open, the first time it missed (<see cref="MissedFrom"/>).
/// </summary>
internal sealed record JobWatch(DateTimeOffset? Since, DateTimeOffset? Watermark, DateTimeOffset? MissedFrom)
{
    public static JobWatch None { get; } = new(null, null, null);

    public bool Missed => MissedFrom is not null;
}
