namespace Belfry.Server.Cluster;

/// <summary>
/// The node's clock corrected by its measured offset from the database's (issue 12, "Clocks"): what the dispatcher, the
/// API's schedule computations, the alert watcher and the notification relay use, so that schedule times, leases and
/// deadlines mean the same instant on every node. Waits and timers are the local clock's (a duration is a duration);
/// only "now" is shifted. Also says whether the node refuses to dispatch (<see cref="Refusal"/>), which the heartbeat
/// (<see cref="NodeHeartbeatService"/>) decides.
/// </summary>
internal sealed class ClusterClock(TimeProvider local) : TimeProvider
{
    private long _offsetTicks;
    private volatile string? _refusal;

    /// <summary>The uncorrected clock, which offsets are measured with.</summary>
    public TimeProvider Local { get; } = local ?? throw new ArgumentNullException(nameof(local));

    /// <summary>The database's clock minus the local clock, as last measured; zero until then.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    /// <summary>Why this node refuses to plan and claim, or null while it dispatches.</summary>
    public string? Refusal => _refusal;

    public override DateTimeOffset GetUtcNow() => Local.GetUtcNow() + Offset;

    public override long GetTimestamp() => Local.GetTimestamp();

    public override long TimestampFrequency => Local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Corrects by <paramref name="offset"/> from now on, and refuses for <paramref name="refusal"/> (null: dispatches).</summary>
    public void Set(TimeSpan offset, string? refusal)
    {
        Volatile.Write(ref _offsetTicks, offset.Ticks);
        _refusal = refusal;
    }
}
