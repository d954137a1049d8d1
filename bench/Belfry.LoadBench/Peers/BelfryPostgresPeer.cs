using System.Globalization;
using Belfry.LoadBench.Peers.Postgres;
using Belfry.LoadBench.Runs;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// Belfry as a cluster on PostgreSQL: a throwaway server (<see cref="PostgresCluster"/>, the same settings and
/// <c>max_connections</c> per process as quartz-ado-postgres and hangfire-postgres) and <paramref name="nodes"/> Belfry
/// nodes on one database, each with the same defaults as belfry-sqlite. Node 1 runs in this child
/// (<see cref="BelfryPeer"/>) and takes the API calls that register the jobs; every further node is a process of its
/// own (<see cref="NodeRunner"/>) that joins the same server and dispatches too. All of them deliver to the one sink,
/// so lost and duplicated (job, second)s are counted across the nodes.
/// </summary>
internal sealed class BelfryPostgresPeer(BenchOptions options, Uri sink, int nodes) : IPeer
{
    private readonly List<NodeProcess> _others = [];
    private readonly List<NodeReport> _reports = [];
    private PostgresCluster? _cluster;
    private BelfryPeer? _node;

    /// <summary>The node id each node gets (<c>Belfry:Cluster:NodeId</c>), so the server's log and tables tell them apart.</summary>
    public static string NodeId(int node) => string.Create(CultureInfo.InvariantCulture, $"bench-{node}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pool = PostgresCluster.PoolSize(options.Concurrency);
        _cluster = PostgresCluster.Start(options.DataDirectory, pool, nodes);

        // Node 1 first: it migrates the database; the others then find it migrated.
        _node = new BelfryPeer(Path.Combine(options.DataDirectory, "node1"), sink, options.BelfryLogLevel, _cluster.ConnectionString(pool), NodeId(1));
        await _node.StartAsync(cancellationToken);
        for (var node = 2; node <= nodes; node++)
        {
            _others.Add(await NodeProcess.StartAsync(options, options.ChildSystem!, node));
        }
    }

    public async Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var node = _node ?? throw new InvalidOperationException("not started");
        await node.AddJobsAsync(jobIds, at, cancellationToken);
        _cluster!.Mark();
        foreach (var other in _others)
        {
            await other.MarkAsync();
        }
    }

    public async Task<double> FinishAsync()
    {
        // Every node still records its last deliveries meanwhile, so node 2 is stopped after this.
        await (_cluster?.SettleAsync() ?? Task.CompletedTask);
        foreach (var other in _others)
        {
            _reports.Add(await other.StopAsync());
        }

        _others.Clear();
        return _reports.Sum(r => r.CpuSeconds);
    }

    public IEnumerable<string> Notes()
    {
        var others = _reports.Aggregate(default(WorkCount), (sum, r) => sum + r.Sent);
        var notes = _cluster?.Notes(others).ToList() ?? [];
        if (_reports.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"node 1: {_cluster?.SentSinceMark().Deliveries} deliveries after registration"));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"nodes 2 to {nodes} in CPU s: {string.Join(", ", _reports.Select(r => $"{r.CpuSeconds:0.0} s"))}"));
            notes.AddRange(_reports.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
                $"node {i + 2}: {r.Sent.Deliveries} deliveries after registration, peak RSS {r.PeakRssMb:0} MB, allocated {r.AllocatedMb:0} MB, GC pause {r.GcPauseMs:0} ms")));
        }

        return notes;
    }
}
