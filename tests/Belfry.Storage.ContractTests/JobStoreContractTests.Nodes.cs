using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// Heartbeats and the node list (<see cref="INodeStore"/>). What the database's time is differs by engine (the node's
/// clock on SQLite, the server's on PostgreSQL: each store's own tests pin it); here, that a heartbeat answers the time
/// it stored, and the list reads a time no earlier.
/// </summary>
public abstract partial class JobStoreContractTests
{
    private static readonly TimeSpan KeepAll = TimeSpan.FromDays(365);

    [Fact]
    public async Task Heartbeat_NewNode_ListedWithEveryFieldAndTheTimeItAnswered()
    {
        var heartbeat = Heartbeat("node-a") with { ExecutionsInFlight = 7, ClockOffset = TimeSpan.FromMilliseconds(-1500), Refusal = "clock off" };

        var stamped = await Stores.Nodes.HeartbeatAsync(heartbeat, KeepAll, Ct);
        var list = await Stores.Nodes.ListNodesAsync(Ct);

        var node = Assert.Single(list.Nodes);
        Assert.Equal(heartbeat, node.Heartbeat);
        Assert.Equal(stamped, node.HeartbeatTime);
        Assert.True(list.DatabaseTime >= stamped, $"listed at {list.DatabaseTime:O}, before the heartbeat at {stamped:O}");
    }

    [Fact]
    public async Task Heartbeat_SameNodeAgain_ReplacesItsRow()
    {
        await Stores.Nodes.HeartbeatAsync(Heartbeat("node-a") with { Refusal = "clock off", ExecutionsInFlight = 3 }, KeepAll, Ct);
        Time.Advance(TimeSpan.FromSeconds(5));
        var again = Heartbeat("node-a") with { Address = "http://10.0.0.2:8085", ClockOffset = TimeSpan.FromMilliseconds(20) };

        var stamped = await Stores.Nodes.HeartbeatAsync(again, KeepAll, Ct);

        var node = Assert.Single((await Stores.Nodes.ListNodesAsync(Ct)).Nodes);
        Assert.Equal((again, stamped), (node.Heartbeat, node.HeartbeatTime));
    }

    [Fact]
    public async Task ListNodes_SeveralNodes_ById()
    {
        await Stores.Nodes.HeartbeatAsync(Heartbeat("node-b"), KeepAll, Ct);
        await Stores.Nodes.HeartbeatAsync(Heartbeat("node-a"), KeepAll, Ct);
        await Stores.Nodes.HeartbeatAsync(Heartbeat("Node-c"), KeepAll, Ct);

        var list = await Stores.Nodes.ListNodesAsync(Ct);

        Assert.Equal(["Node-c", "node-a", "node-b"], list.Nodes.Select(n => n.Heartbeat.Id));
    }

    [Fact]
    public async Task ListNodes_NoNode_EmptyWithTheDatabaseTime()
    {
        var list = await Stores.Nodes.ListNodesAsync(Ct);

        Assert.Empty(list.Nodes);
        Assert.NotEqual(default, list.DatabaseTime);
    }

    [Fact]
    public async Task Heartbeat_AnotherNodeSilentLongerThanForgetAfter_DeletesThatNodeOnly()
    {
        await Stores.Nodes.HeartbeatAsync(Heartbeat("gone"), KeepAll, Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Stores.Nodes.HeartbeatAsync(Heartbeat("node-a"), KeepAll, Ct);
        Assert.Equal(2, (await Stores.Nodes.ListNodesAsync(Ct)).Nodes.Count);

        await Stores.Nodes.HeartbeatAsync(Heartbeat("node-a"), TimeSpan.FromMicroseconds(1), Ct);

        Assert.Equal(["node-a"], (await Stores.Nodes.ListNodesAsync(Ct)).Nodes.Select(n => n.Heartbeat.Id));
    }

    private static NodeHeartbeat Heartbeat(string id) =>
        new(id, "http://127.0.0.1:8085", "1.2.3+abc", StoreTime.T0.AddMinutes(-3), 0, TimeSpan.Zero, null);
}
