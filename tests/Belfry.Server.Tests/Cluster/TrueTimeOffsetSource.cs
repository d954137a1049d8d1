using Belfry.Core.Storage;
using Belfry.Server.Cluster;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// A node's offset source in a test with a shared "true time": the heartbeat goes to the real store, and the node's
/// clock is measured (<see cref="ClockSample.Measure"/>) against the true clock instead of the database server's
/// real one, which a fake clock cannot be compared with.
/// </summary>
internal sealed class TrueTimeOffsetSource(INodeStore nodes, TimeProvider local, TimeProvider truth) : IClockOffsetSource
{
    public async Task<ClockSample> HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        var before = local.GetUtcNow();
        await nodes.HeartbeatAsync(heartbeat, StoreClockOffsetSource.ForgetAfter, cancellationToken);
        var reference = truth.GetUtcNow();
        return ClockSample.Measure(before, reference, local.GetUtcNow());
    }
}
