using System.Globalization;
using System.Text.Json;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Peers.Postgres;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// A further node of a multi-node Belfry system (<c>--workload node --node N</c>), started by the child that owns the
/// PostgreSQL server (<see cref="NodeProcess"/>): joins that server (<see cref="PostgresCluster.Attach"/>, the child's
/// data directory), runs Belfry on the same database as node N, and dispatches until told to stop. It registers no
/// jobs: node 1's API does. Its protocol is one line each way on stdin/stdout, prefixed with <see cref="Prefix"/> so
/// that Belfry's own console log lines pass through: <c>mark</c> (the jobs are registered) and <c>stop</c> (answered
/// with its <see cref="NodeReport"/>). A closed stdin (the child gone) ends it too.
/// </summary>
internal static class NodeRunner
{
    public const string Prefix = "belfry-node ";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var sink = options.SinkUrl ?? throw new ArgumentException("--sink is required for a node");
        var cluster = PostgresCluster.Attach(options.DataDirectory);
        var pool = PostgresCluster.PoolSize(options.Concurrency);
        var node = new BelfryPeer(Path.Combine(options.DataDirectory, $"node{options.Node}"), sink, options.BelfryLogLevel,
            cluster.ConnectionString(pool), BelfryPostgresPeer.NodeId(options.Node));
        await node.StartAsync(CancellationToken.None);
        Console.WriteLine(Prefix + "ready");

        var mark = WorkCounters.Read();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "mark")
            {
                mark = WorkCounters.Read();
                Console.WriteLine(Prefix + "marked");
            }
            else if (line == "stop")
            {
                var report = new NodeReport(
                    ProcessStats.CpuSeconds(), ProcessStats.PeakRssMb(), GC.GetTotalAllocatedBytes() / 1048576.0,
                    GC.GetTotalPauseDuration().TotalMilliseconds, WorkCounters.Read() - mark);
                Console.WriteLine(Prefix + "report " + JsonSerializer.Serialize(report));
                break;
            }
        }

        // As a child does: no graceful shutdown; the owner stops the server after this.
        Environment.Exit(0);
        return 0;
    }

    /// <summary>The arguments that start node <paramref name="node"/> of <paramref name="system"/> like this child's.</summary>
    public static List<string> Arguments(BenchOptions options, string system, int node) =>
    [
        .. options.ChildArguments(system, "node"),
        "--node", node.ToString(CultureInfo.InvariantCulture), "--sink", options.SinkUrl!.ToString(), "--data-dir", options.DataDirectory,
    ];
}
