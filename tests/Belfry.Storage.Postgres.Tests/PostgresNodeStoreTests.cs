using Belfry.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// On PostgreSQL the heartbeat's time is the server's clock (<c>clock_timestamp()</c>), whatever the node's says: a node
/// whose clock is years off still gets the server's time back, which is what it measures its offset against.
/// </summary>
public sealed class PostgresNodeStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset NodeClock = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private ThrowawayDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Heartbeat_NodeClockYearsOff_AnswersAndListsTheServersClock()
    {
        _database = await MigratedTemplate.CreateDatabaseAsync();
        await using var stores = await PostgresStores.OpenAsync(_database.ConnectionString, "skewed", new FakeTimeProvider(NodeClock), Ct);

        var before = DateTimeOffset.UtcNow;
        var stamped = await stores.Nodes.HeartbeatAsync(
            new NodeHeartbeat("skewed", "http://127.0.0.1:8085", "1.0", NodeClock, 2, TimeSpan.Zero, null), TimeSpan.FromDays(1), Ct);
        var list = await stores.Nodes.ListNodesAsync(Ct);
        var after = DateTimeOffset.UtcNow;

        Assert.True(stores.Nodes.DatabaseHasClock);

        // The test's server runs on this machine, so its clock is this process's (within a second, for scheduling noise).
        Assert.InRange(stamped, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(stamped, Assert.Single(list.Nodes).HeartbeatTime);
        Assert.InRange(list.DatabaseTime, stamped, after.AddSeconds(1));
    }
}
