namespace Belfry.Contracts.Nodes;

/// <summary>
/// Belfry extension: one server (<c>belfry serve</c>) sharing the store, as its last heartbeat left it
/// (<c>GET /v1/nodes</c>). Times are the database's clock, except <see cref="StartTime"/>, the node's own.
/// </summary>
public sealed class NodeResource
{
    /// <summary>The node's id: <c>Belfry:Cluster:NodeId</c>, or its host name and a random suffix.</summary>
    public string? Id { get; set; }

    /// <summary>The first URL it listens on.</summary>
    public string? Address { get; set; }

    /// <summary>Its Belfry version.</summary>
    public string? Version { get; set; }

    /// <summary>When it started, by its own clock.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Its last heartbeat, by the database's clock.</summary>
    public DateTimeOffset? HeartbeatTime { get; set; }

    /// <summary>Executions it held at its last heartbeat: armed ahead, being sent, or awaiting their record (its leases).</summary>
    public int ExecutionsInFlight { get; set; }

    /// <summary>The database's clock minus the node's, as a duration (<c>"-2.000125s"</c>), as last measured.</summary>
    public string? ClockOffset { get; set; }

    /// <summary><c>ACTIVE</c>, <c>REFUSING</c> (its clock is off beyond the bound: it does not dispatch) or <c>GONE</c> (no heartbeat for 3 intervals).</summary>
    public string? State { get; set; }

    /// <summary>Why it is REFUSING or GONE; absent while ACTIVE.</summary>
    public string? Reason { get; set; }
}
