using Belfry.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>An embedded database has no clock of its own: its time is its node's, so the node measures no offset.</summary>
public sealed class SqliteNodeStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset NodeClock = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-nodes-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Heartbeat_Sqlite_AnswersAndListsTheNodesOwnClock()
    {
        var time = new FakeTimeProvider(NodeClock);
        await using var stores = await SqliteStores.OpenAsync(_directory, time, Ct);

        var stamped = await stores.Nodes.HeartbeatAsync(
            new NodeHeartbeat("solo", "http://127.0.0.1:8085", "1.0", NodeClock, 0, TimeSpan.Zero, null), TimeSpan.FromDays(1), Ct);
        time.Advance(TimeSpan.FromSeconds(12));
        var list = await stores.Nodes.ListNodesAsync(Ct);

        Assert.False(stores.Nodes.DatabaseHasClock);
        Assert.Equal(NodeClock, stamped);
        Assert.Equal(NodeClock.AddSeconds(12), list.DatabaseTime);
        Assert.Equal(NodeClock, Assert.Single(list.Nodes).HeartbeatTime);
    }
}
