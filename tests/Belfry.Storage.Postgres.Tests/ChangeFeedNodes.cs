using Belfry.Core.Storage;
using Belfry.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// Several "nodes" of one cluster in one process: each its own data source (named by its application name, so a test
/// can find its listening backend) and <see cref="PostgresStoreChanges"/>, all on one fresh database of the test server.
/// </summary>
internal sealed class ChangeFeedNodes : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private ChangeFeedNodes(ThrowawayDatabase database) => Database = database;

    public ThrowawayDatabase Database { get; }

    public static async Task<ChangeFeedNodes> CreateAsync() =>
        new(await (await PostgresServer.GetAsync()).CreateDatabaseAsync());

    /// <summary>A node whose feed is not started: it only sends.</summary>
    public (PostgresStoreChanges Feed, NpgsqlDataSource DataSource) Sender(string nodeId)
    {
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = ApplicationName(nodeId) }.ToString());
        var feed = new PostgresStoreChanges(dataSource, nodeId, TimeProvider.System, NullLogger<PostgresStoreChanges>.Instance);
        _owned.Add(dataSource);
        _owned.Add(feed);
        return (feed, dataSource);
    }

    /// <summary>A node that listens, its subscriber, once its first resync said it listens.</summary>
    public async Task<Node> ListeningAsync(string nodeId, CancellationToken cancellationToken)
    {
        var (feed, dataSource) = Sender(nodeId);
        var recorder = new ChangeRecorder();
        _owned.Add(new Unsubscribe(feed.Subscribe(recorder.Add)));
        feed.Start();
        await recorder.WaitForResyncsAsync(1, cancellationToken);
        return new Node(feed, dataSource, recorder);
    }

    public static string ApplicationName(string nodeId) => $"belfry-{nodeId}";

    /// <summary>Sends <paramref name="changes"/> from <paramref name="node"/> in a transaction that commits or rolls back.</summary>
    public static async Task SendAsync(PostgresStoreChanges node, NpgsqlDataSource dataSource, IEnumerable<StoreChange> changes, bool commit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await node.SendAsync(transaction, changes, cancellationToken);
        if (commit)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Feeds stop before their data sources go, and the database last.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    internal sealed record Node(PostgresStoreChanges Feed, NpgsqlDataSource DataSource, ChangeRecorder Recorder)
    {
        public Task SendAsync(IEnumerable<StoreChange> changes, bool commit, CancellationToken cancellationToken) =>
            ChangeFeedNodes.SendAsync(Feed, DataSource, changes, commit, cancellationToken);
    }

    private sealed class Unsubscribe(IDisposable subscription) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            subscription.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
