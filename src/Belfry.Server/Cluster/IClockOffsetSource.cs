using Belfry.Core.Storage;

namespace Belfry.Server.Cluster;

/// <summary>
/// Where a node's heartbeat goes and its clock is measured, in one round trip: the store (<see cref="StoreClockOffsetSource"/>);
/// tests give a reference clock of their own.
/// </summary>
internal interface IClockOffsetSource
{
    /// <summary>Writes <paramref name="heartbeat"/> and measures this node's clock against the reference's time read with it.</summary>
    Task<ClockSample> HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken);
}
