using System.Text.Json.Nodes;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Several real <c>belfry serve</c> processes on 127.0.0.1, each with its own port and data directory, all given one
/// store (<c>--store</c>: a PostgreSQL database; without it each node has its own SQLite file, which only makes sense
/// for one node). A node can be killed with SIGKILL and started again on the same port with the same settings.
/// Disposing it kills every node still running.
/// </summary>
internal sealed class BelfryCluster : IAsyncDisposable
{
    private readonly ClusterNode[] _nodes;
    private readonly string? _store;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private BelfryCluster(ClusterNode[] nodes, string? store, IReadOnlyDictionary<string, string> environment)
    {
        _nodes = nodes;
        _store = store;
        _environment = environment;
    }

    public int Count => _nodes.Length;

    /// <summary>Starts <paramref name="count"/> nodes at once and waits until each answers.</summary>
    public static async Task<BelfryCluster> StartAsync(int count, string root, string? store, IReadOnlyDictionary<string, string> environment)
    {
        var nodes = Enumerable.Range(0, count)
            .Select(i => new ClusterNode(i, ServerProcess.FreePort(), Path.Combine(root, $"node-{i}")))
            .ToArray();
        var cluster = new BelfryCluster(nodes, store, environment);
        try
        {
            await Task.WhenAll(nodes.Select(cluster.StartNodeAsync));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public string Endpoint(int node) => _nodes[node].Endpoint;

    /// <summary>The endpoints of the nodes running now.</summary>
    public IReadOnlyList<string> LiveEndpoints => _nodes.Where(n => n.Process is { HasExited: false }).Select(n => n.Endpoint).ToList();

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync(int node)
    {
        var target = _nodes[node];
        await (target.Process ?? throw new InvalidOperationException($"node {node} is not running")).KillAsync();
        await target.StoppedAsync();
    }

    /// <summary>Starts a killed node again, same port, data directory, store and environment, and waits until it answers.</summary>
    public Task RestartAsync(int node) => StartNodeAsync(_nodes[node]);

    /// <summary>
    /// The running node holding the most executions at its last heartbeat (<c>GET /v1/nodes</c>, asked of a running
    /// node), so a crash test kills a node with work rather than one that happened to be idle; the lowest index on a tie.
    /// </summary>
    public async Task<int> BusiestAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(LiveEndpoints[0]) };
        Dictionary<string, int> held;
        for (var asked = 1; ; asked++)
        {
            // Asked again (a heartbeat later) while no node reports anything in flight: a node holding nothing is no test of takeover.
            var answer = JsonNode.Parse(await client.GetStringAsync(new Uri("/v1/nodes", UriKind.Relative), cancellationToken))!;
            held = answer["nodes"]!.AsArray()
                .Where(n => (string?)n!["state"] == "ACTIVE")
                .ToDictionary(n => (string)n!["address"]!, n => (int)n!["executionsInFlight"]!, StringComparer.Ordinal);
            if (held.Values.Any(count => count > 0) || asked == 10)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return _nodes
            .Where(n => n.Process is { HasExited: false })
            .OrderByDescending(n => held.GetValueOrDefault(n.Endpoint))
            .ThenBy(n => n.Index)
            .First().Index;
    }

    /// <summary>The last lines of every node's output, for failure messages.</summary>
    public string OutputTails(int lines = 30) => Redact(string.Join('\n', _nodes.Select(n => n.OutputTail(lines))));

    private async Task StartNodeAsync(ClusterNode node)
    {
        if (node.Process is not null)
        {
            throw new InvalidOperationException($"node {node.Index} is already running");
        }

        string[] arguments = _store is null ? [] : ["--store", _store];
        var process = ServerProcess.Start(node.DataDirectory, node.Port, _environment, arguments);
        node.Started(process);
        try
        {
            await process.WaitReadyAsync();
        }
        catch (InvalidOperationException) when (_store is not null && process.HasExited)
        {
            // Until cluster mode lands (issue 12, point 1) `serve` has no --store: say so rather than skip.
            throw new InvalidOperationException(
                $"belfry serve (node {node.Index}) exited at start-up when given --store: this build has no PostgreSQL cluster mode " +
                $"(issue 12) or refused the store. Its output:\n{Redact(process.Output)}");
        }
    }

    // The command line parser repeats an argument it does not know, and the store's may hold a password.
    private string Redact(string text) => _store is null ? text : text.Replace(_store, "<the --store value>", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StoppedAsync();
        }
    }
}
