using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 3: alert policies and missed-run alerts fire once per cluster. Two real servers in-process on one
/// PostgreSQL database run their alert watchers side by side, pass after pass, and relay through one loopback webhook
/// receiver. Each evaluation reads the policy's status (or the job's missed-run bookmark), decides and records it in
/// one write transaction under the cluster-wide write lock (PostgresDatabase), so the second node sees what the first
/// recorded and raises nothing more.
/// </summary>
public sealed class ClusterAlertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = BelfryServerFactory.DefaultStart;
    private const int RacingPasses = 5;
    private readonly TwoNodeCluster _cluster = new();
    private RecordingTarget _target = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (request, _) => Task.FromResult(request.Path == "/hook" ? 200 : 500);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Watch_BothNodesRacing_PolicyFiresAndResolvesOnceAndMissedRunAlertsOnce()
    {
        var (a, b) = await _cluster.StartAsync(node => node.Variables["BELFRY_SECRET_HOOK_URL"] = _target.Url("/hook"));
        var api = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await api.CreateChannelAsync("hook", "WEBHOOK", "env:BELFRY_SECRET_HOOK_URL")).Status);
        Assert.Equal(200, (await api.CreateAsync(api.Job("flaky", _target.Url("/sync"), "* * * * *", "Etc/UTC"))).Status);
        Assert.Equal(200, (await api.CreatePolicyAsync("flaky-failures",
            """{"failures":2,"window":"300s","rateLimit":"300s","channels":["hook"],"jobs":["flaky"]}""")).Status);

        // Daily at midnight UTC, 30 minutes to succeed; its first time is tomorrow, so nothing dispatches it today.
        Assert.Equal(200, (await api.CreateRoutedJobAsync("watched", _target.Url("/watched"),
            """ "notifyOnFailure":["hook"],"missedRunDeadline":"1800s" """, schedule: "0 0 * * *", timeZone: "Etc/UTC")).Status);

        foreach (var minute in new[] { 1, 2 })
        {
            _cluster.SetTime(Midnight.AddMinutes(minute));
            await Task.WhenAll(a.DispatchAsync(), b.DispatchAsync());
        }

        await RaceAsync(a, b);
        Assert.Equal(["alert.firing"], Received());

        // The next day, 00:31: the failures have left the window, and midnight's run is 1 minute past its deadline.
        _cluster.SetTime(Midnight.AddDays(1).AddMinutes(31));
        await RaceAsync(a, b);

        Assert.Equal(["alert.firing", "alert.resolved", "job.missed_run"], Received().Order(StringComparer.Ordinal));
        var missed = Assert.Single(Bodies(), n => (string?)n["type"] == "job.missed_run");
        Assert.Equal("Missed run: watched", (string?)missed["title"]);
        Assert.DoesNotContain(_target.Requests, r => r.Path == "/watched");
    }

    /// <summary>Both watchers pass at once, several times over, then both relays.</summary>
    private static async Task RaceAsync(BelfryServerFactory a, BelfryServerFactory b)
    {
        for (var pass = 0; pass < RacingPasses; pass++)
        {
            await Task.WhenAll(Task.Run(a.WatchAsync), Task.Run(b.WatchAsync));
        }

        await Task.WhenAll(a.NotifyAsync(), b.NotifyAsync());
    }

    private List<JsonNode> Bodies() => [.. _target.Requests.Where(r => r.Path == "/hook").Select(r => JsonNode.Parse(r.Body)!)];

    private List<string> Received() => [.. Bodies().Select(n => (string)n["type"]!)];
}
