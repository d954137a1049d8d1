using System.Collections.Concurrent;
using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Belfry.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 4: three nodes on one PostgreSQL database, their clocks −2 s, 0 and +2 s off a shared "true time"
/// (a FakeTimeProvider the test moves in 250 ms steps), each corrected by its heartbeat's measurement against the true
/// time (<see cref="TrueTimeOffsetSource"/>). Four jobs fire every second for 30 simulated seconds, sent to a real
/// loopback target that notes the true time of each request. Each (job, second) arrives exactly once, never before its
/// second, and within the step that reaches it. Uncorrected, the +2 s node would send two seconds early. Each node is
/// the real server in-process (its dispatcher loop off; the test runs the three cycles side by side each step, and the
/// heartbeats every 5 simulated seconds).
/// </summary>
public sealed class ClusterSkewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Jobs = ["a", "b", "c", "d"];
    private readonly FakeTimeProvider _truth = new(Start);
    private readonly List<BelfryServerFactory> _nodes = [];
    private readonly ConcurrentQueue<(string Job, string ScheduleTime, DateTimeOffset Arrived)> _arrivals = new();
    private PostgresDatabase? _database;
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (request, _) =>
        {
            _arrivals.Enqueue((request.Header("X-CloudScheduler-JobName"), request.Header("X-CloudScheduler-ScheduleTime"), _truth.GetUtcNow()));
            return Task.FromResult(200);
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _target.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dispatch_ThreeNodesSkewedMinusTwoZeroPlusTwoSeconds_EachJobSecondSentOnceAndNeverEarly()
    {
        _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        foreach (var skew in new[] { -2, 0, 2 })
        {
            _nodes.Add(StartNode($"node{skew:+0;-0;0}", TimeSpan.FromSeconds(skew)));
        }

        var api = new ApiClient(_nodes[0].CreateClient());
        foreach (var job in Jobs)
        {
            Assert.Equal(200, (await api.CreateAsync(api.Job(job, _target.Url("/" + job), "* * * * * *", "Etc/UTC"))).Status);
        }

        foreach (var node in _nodes)
        {
            Assert.Equal(TimeSpan.Zero, node.Services.GetRequiredService<ClusterClock>().GetUtcNow() - _truth.GetUtcNow());
        }

        for (var elapsed = Step; elapsed <= TimeSpan.FromSeconds(30); elapsed += Step)
        {
            _truth.Advance(Step);
            await Task.WhenAll(_nodes.Select(n => n.Dispatcher.RunOnceAsync(Ct)));
            await Task.WhenAll(_nodes.Select(n => n.Dispatcher.WhenIdleAsync()));
            if (elapsed.Ticks % TimeSpan.FromSeconds(5).Ticks == 0)
            {
                foreach (var node in _nodes)
                {
                    await node.Services.GetRequiredService<NodeHeartbeatService>().BeatAsync(Ct);
                }
            }
        }

        var arrivals = _arrivals.ToList();
        var seconds = Enumerable.Range(1, 30).Select(s => Start.AddSeconds(s)).ToList();
        foreach (var job in Jobs)
        {
            var sent = arrivals.Where(a => a.Job == job).Select(a => DateTimeOffset.Parse(a.ScheduleTime, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(seconds, sent);
        }

        Assert.All(arrivals, a =>
        {
            var scheduled = DateTimeOffset.Parse(a.ScheduleTime, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(a.Arrived, scheduled, scheduled + Step);
        });

        // Every node took part, none refused, and each measured minus its skew.
        foreach (var (node, skew) in _nodes.Zip([-2, 0, 2]))
        {
            var clock = node.Services.GetRequiredService<ClusterClock>();
            Assert.Equal((TimeSpan.FromSeconds(-skew), null), (clock.Offset, clock.Refusal));
            Assert.Contains(node.Logs.Entries, e => e.Category == typeof(Belfry.Server.Dispatch.Dispatcher).FullName && e.EventId == 7);
        }
    }

    private BelfryServerFactory StartNode(string id, TimeSpan skew)
    {
        var node = new BelfryServerFactory(start: Start);
        var local = new SkewedClock(_truth, skew);
        node.Settings["Belfry:Store"] = _database!.ConnectionString;
        node.Settings["Belfry:Cluster:NodeId"] = id;

        // The loop's own heartbeats would race the test's clock; the test beats between steps instead.
        node.Settings["Belfry:Cluster:HeartbeatInterval"] = "01:00:00";
        node.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(local);
            services.AddSingleton<IClockOffsetSource>(sp => new TrueTimeOffsetSource(sp.GetRequiredService<INodeStore>(), local, _truth));
        };
        _ = node.Services;
        return node;
    }
}
