namespace Belfry.Server.Cluster;

/// <summary>This node among the others sharing the store (section <c>Belfry:Cluster</c>; docs/semantics.md, "Clocks").</summary>
internal sealed class ClusterOptions
{
    public const string SectionName = "Belfry:Cluster";

    /// <summary>The node's id in <c>nodes list</c>; default: the host name and a short random suffix drawn at start.</summary>
    public string? NodeId { get; set; }

    /// <summary>How often the node writes its heartbeat and measures its clock against the database's.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest clock offset from the database a node dispatches with. Offsets within it are corrected; beyond it the
    /// clock is taken for broken (stepping or drifting faster than heartbeats can follow) and the node stops planning and
    /// claiming until it is back within the bound.
    /// </summary>
    public TimeSpan MaxClockOffset { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeats missed before a node is shown GONE.</summary>
    public const int MissedHeartbeatsGone = 3;

    public bool IsValid() => HeartbeatInterval > TimeSpan.Zero && MaxClockOffset > TimeSpan.Zero;
}
