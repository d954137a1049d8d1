using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// A node whose clock is off beyond <c>Belfry:Cluster:MaxClockOffset</c> (default 5 s) plans and claims nothing, says
/// why once in its log and in <c>GET /v1/nodes</c>, and dispatches again once back within the bound. The offset is
/// injected (<see cref="SettableOffsetSource"/>); the store is the real SQLite one. The job fires every minute; T is
/// 00:01:00, its first time.
/// </summary>
public sealed class ClockRefusalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private readonly SettableOffsetSource _offsets = new();
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server.Settings["Belfry:Cluster:NodeId"] = "node-under-test";
        _server.ConfigureServices = services => services.AddSingleton<IClockOffsetSource>(sp =>
        {
            _offsets.Nodes = sp.GetRequiredService<INodeStore>();
            return _offsets;
        });
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Beat_OffsetBeyondTheBound_RefusesAndSaysWhyThenResumesWithinIt()
    {
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("sync", _target.Url("/sync"), "* * * * *", "Etc/UTC"))).Status);
        _server.Time.Advance(T - _server.Time.GetUtcNow());

        _offsets.Offset = TimeSpan.FromSeconds(6);
        await BeatAsync();
        await BeatAsync();
        await _server.DispatchAsync();

        Assert.Empty(_target.Requests);
        Assert.Equal(0, _server.Dispatcher.Armed);
        var refusing = await SingleNodeAsync();
        Assert.Equal(("REFUSING", "6s"), ((string?)refusing["state"], (string?)refusing["clockOffset"]));
        Assert.Equal("clock offset 6s from the database exceeds Belfry:Cluster:MaxClockOffset (5s)", (string?)refusing["reason"]);
        var warning = Assert.Single(ClusterLog(), e => e.Level == LogLevel.Warning);
        Assert.Contains("node-under-test stops planning and claiming: clock offset 6s", warning.Message, StringComparison.Ordinal);

        _offsets.Offset = TimeSpan.FromMilliseconds(-4900);
        await BeatAsync();
        var active = await SingleNodeAsync();
        Assert.Equal(("ACTIVE", null), ((string?)active["state"], (string?)active["reason"]));
        _offsets.Offset = TimeSpan.Zero;
        await BeatAsync();
        await _server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal([LogLevel.Warning, LogLevel.Information], ClusterLog().Select(e => e.Level));
        Assert.Contains("node-under-test dispatches again", ClusterLog()[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beat_OffsetWithinTheBound_CorrectsTheClockThePlannerUses()
    {
        await _api.CreateAsync(_api.Job("sync", _target.Url("/sync"), "* * * * *", "Etc/UTC"));
        _offsets.Offset = TimeSpan.FromSeconds(3);
        await BeatAsync();

        // The node's clock says 00:00:57; corrected, it is 00:01:00: T is due.
        _server.Time.Advance(T.AddSeconds(-3) - _server.Time.GetUtcNow());
        await _server.DispatchAsync();

        Assert.Equal("2027-01-01T00:01:00+00:00", Assert.Single(_target.Requests).Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal("ACTIVE", (string?)(await SingleNodeAsync())["state"]);
    }

    private Task<ClockSample> BeatAsync() =>
        _server.Services.GetRequiredService<NodeHeartbeatService>().BeatAsync(TestContext.Current.CancellationToken);

    private async Task<System.Text.Json.Nodes.JsonNode> SingleNodeAsync()
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, "nodes");
        Assert.Equal(200, status);
        return Assert.Single(body["nodes"]!.AsArray())!;
    }

    private List<LogEntry> ClusterLog() =>
        [.. _server.Logs.Entries.Where(e => e.Category == typeof(NodeHeartbeatService).FullName)];
}
