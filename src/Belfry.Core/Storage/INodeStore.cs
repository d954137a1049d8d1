namespace Belfry.Core.Storage;

/// <summary>
/// The nodes sharing one store (issue 12, "nodes list"): each node writes its heartbeat, and anyone reads the list.
/// Times are the database's own clock where it has one, so that every node's heartbeat, and whether it is gone, is
/// judged by one clock whatever the nodes' clocks say.
/// </summary>
internal interface INodeStore
{
    /// <summary>
    /// False when the database has no clock of its own and its time is its node's (SQLite): the node's offset from it is
    /// zero by definition, and measuring it would only measure the round trip.
    /// </summary>
    bool DatabaseHasClock { get; }

    /// <summary>
    /// Writes <paramref name="heartbeat"/> as its node's row (inserted the first time, replaced after), stamped with the
    /// database's current time, and returns that time, read in the same statement: the reference a node measures its
    /// clock offset against. A store without a clock of its own (SQLite) answers its node's clock. In the same
    /// transaction it deletes the nodes silent for longer than <paramref name="forgetAfter"/> by the database's clock
    /// (a restarted node takes a new id, so its old row would stay for good).
    /// </summary>
    Task<DateTimeOffset> HeartbeatAsync(NodeHeartbeat heartbeat, TimeSpan forgetAfter, CancellationToken cancellationToken);

    /// <summary>Every node's last heartbeat, by id, with the database's current time read in the same transaction.</summary>
    Task<NodeList> ListNodesAsync(CancellationToken cancellationToken);
}
