using Belfry.Core.Storage;

namespace Belfry.Server.Cluster;

/// <summary>
/// The heartbeat written to the store, whose answer is the database's time (<see cref="INodeStore.HeartbeatAsync"/>),
/// measured against the node's own clock read around the call. The call includes waiting for a connection and, on
/// PostgreSQL for now, the cluster's write lock, which lengthens the round trip and so the possible error; under a
/// contended lock the error is half the wait, milliseconds against a bound of seconds.
/// </summary>
internal sealed class StoreClockOffsetSource(INodeStore nodes, TimeProvider localClock) : IClockOffsetSource
{
    /// <summary>A node silent this long drops off the list (restarted nodes take new ids).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public async Task<ClockSample> HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        var before = localClock.GetUtcNow();
        var databaseTime = await nodes.HeartbeatAsync(heartbeat, ForgetAfter, cancellationToken).ConfigureAwait(false);
        var after = localClock.GetUtcNow();
        return nodes.DatabaseHasClock ? ClockSample.Measure(before, databaseTime, after) : new ClockSample(TimeSpan.Zero, after - before);
    }
}
