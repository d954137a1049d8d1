namespace Belfry.Server.Cluster;

/// <summary>
/// The node's clock corrected by its measured offset from the database's (issue 12, "Clocks"): what the dispatcher, the
/// API's schedule computations, the alert watcher and the notification relay use, so that schedule times, leases and
/// deadlines mean the same instant on every node. Waits and timers are the local clock's (a duration is a duration);
/// only "now" is shifted. Also says whether the node refuses to dispatch (<see cref="Refusal"/>), which the heartbeat
/// (<see cref="NodeHeartbeatService"/>) decides.
/// </summary>
/// <remarks>
/// Between two measurements "now" is the corrected time of the last one plus the monotonic time since, whenever the
/// local wall clock has moved away from that by more than <see cref="JumpTolerance"/> (issue 14: a wall-clock jump).
/// Without it a node whose wall clock stepped an hour ahead would, until its next heartbeat, see every lease of the
/// cluster as expired and take them over, and plan an hour early. The next measurement takes the jump into the offset.
/// A measurement older than <see cref="SteadyWindow"/> is not followed so (the heartbeat is failing): then the wall
/// clock is "now" again, as before issue 14, rather than a monotonic count that slewing has moved away from it.
/// </remarks>
internal sealed class ClusterClock : TimeProvider
{
    /// <summary>How far the wall clock may drift from the monotonic one between measurements before it is not followed.</summary>
    public static readonly TimeSpan JumpTolerance = TimeSpan.FromSeconds(1);

    /// <summary>How long after a measurement a jumped wall clock is replaced by the monotonic one.</summary>
    public static readonly TimeSpan SteadyWindow = TimeSpan.FromMinutes(1);

    private Baseline _baseline;
    private volatile string? _refusal;

    public ClusterClock(TimeProvider local)
    {
        Local = local ?? throw new ArgumentNullException(nameof(local));
        _baseline = new Baseline(TimeSpan.Zero, Local.GetUtcNow(), Local.GetTimestamp());
    }

    /// <summary>The uncorrected clock, which offsets are measured with.</summary>
    public TimeProvider Local { get; }

    /// <summary>The database's clock minus the local clock, as last measured; zero until then.</summary>
    public TimeSpan Offset => Volatile.Read(ref _baseline).Offset;

    /// <summary>Why this node refuses to plan and claim, or null while it dispatches.</summary>
    public string? Refusal => _refusal;

    public override DateTimeOffset GetUtcNow()
    {
        var baseline = Volatile.Read(ref _baseline);
        var wall = Local.GetUtcNow();
        var elapsed = Local.GetElapsedTime(baseline.Timestamp);
        var steady = baseline.Wall + elapsed;
        var jumped = elapsed < SteadyWindow && (wall - steady).Duration() > JumpTolerance;
        return (jumped ? steady : wall) + baseline.Offset;
    }

    public override long GetTimestamp() => Local.GetTimestamp();

    public override long TimestampFrequency => Local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Corrects by <paramref name="offset"/> from now on, and refuses for <paramref name="refusal"/> (null: dispatches).</summary>
    public void Set(TimeSpan offset, string? refusal)
    {
        Volatile.Write(ref _baseline, new Baseline(offset, Local.GetUtcNow(), Local.GetTimestamp()));
        _refusal = refusal;
    }

    private sealed record Baseline(TimeSpan Offset, DateTimeOffset Wall, long Timestamp);
}
