using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Two real servers in-process on one fresh PostgreSQL database (issue 12), node-a and node-b, each with its own fake
/// clock, loops off as in <see cref="BelfryServerFactory"/>. The database's clock is not simulated, so each node measures
/// its offset against its own simulated clock (offset 0, <see cref="TrueTimeOffsetSource"/>). Disposing stops both
/// nodes, then drops the database.
/// </summary>
internal sealed class TwoNodeCluster : IAsyncDisposable
{
    private readonly List<BelfryServerFactory> _nodes = [];
    private PostgresDatabase? _database;

    public BelfryServerFactory A => _nodes[0];

    public BelfryServerFactory B => _nodes[1];

    /// <summary>The shared database's connection string, for a test's own connections.</summary>
    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    /// <summary>
    /// Creates the database and starts the nodes, A first. <paramref name="configure"/> sees each node before it starts
    /// (settings, secrets, Kestrel), after the store and node id are set.
    /// </summary>
    public async Task<(BelfryServerFactory A, BelfryServerFactory B)> StartAsync(Action<BelfryServerFactory>? configure = null)
    {
        _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        foreach (var id in new[] { "node-a", "node-b" })
        {
            var node = new BelfryServerFactory();
            _nodes.Add(node);
            node.Settings["Belfry:Store"] = _database.ConnectionString;
            node.Settings["Belfry:Cluster:NodeId"] = id;
            node.ConfigureServices = services => services.AddSingleton<IClockOffsetSource>(
                sp => new TrueTimeOffsetSource(sp.GetRequiredService<INodeStore>(), node.Time, node.Time));
            configure?.Invoke(node);
            _ = node.Services;
        }

        return (A, B);
    }

    /// <summary>Sets both nodes' clocks to <paramref name="now"/>.</summary>
    public void SetTime(DateTimeOffset now)
    {
        foreach (var node in _nodes)
        {
            node.Time.SetUtcNow(now);
        }
    }

    /// <summary>
    /// Completes when <paramref name="node"/> hears a change that <paramref name="match"/> accepts, published from now
    /// on (another node's arrives over LISTEN/NOTIFY); dispose the handle once awaited.
    /// </summary>
    public static (Task Heard, IDisposable Subscription) Hear(BelfryServerFactory node, Func<StoreChange, bool> match)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = node.Services.GetRequiredService<IStoreChanges>().Subscribe(change =>
        {
            if (match(change))
            {
                heard.TrySetResult();
            }
        });
        return (heard.Task, subscription);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
