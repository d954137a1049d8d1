using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// <c>GET /v1/nodes</c> over the real SQLite store, whose clock is the node's (the fake clock): the node's own row
/// from its heartbeat (written at start-up, then every 5 s by the loop), the executions it holds, and another node shown
/// GONE once silent for more than 3 intervals (15 s).
/// </summary>
public sealed class NodesApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = BelfryServerFactory.DefaultStart;
    private readonly SettableOffsetSource _offsets = new();
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server.Settings["Belfry:Cluster:NodeId"] = "node-a";
        _server.ConfigureServices = services => services.AddSingleton<IClockOffsetSource>(sp =>
        {
            _offsets.Nodes = sp.GetRequiredService<INodeStore>();
            return _offsets;
        });
        _api = new ApiClient(_server.CreateClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task List_AtStartUp_ThisNodeFromItsFirstHeartbeat()
    {
        var node = Assert.Single(await ListAsync());

        Assert.Equal("node-a", (string?)node["id"]);
        Assert.Equal(NodeIdentity.Version, (string?)node["version"]);
        Assert.StartsWith("http://", (string?)node["address"], StringComparison.Ordinal);
        Assert.Equal(("2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z"), ((string?)node["startTime"], (string?)node["heartbeatTime"]));
        Assert.Equal((0, "0s", "ACTIVE"), ((int)node["executionsInFlight"]!, (string?)node["clockOffset"], (string?)node["state"]));
        Assert.Null(node["reason"]);
    }

    [Fact]
    public async Task List_IntervalPassed_TheLoopsHeartbeatWithTheOffsetItMeasured()
    {
        _offsets.Reset();
        _offsets.Offset = TimeSpan.FromMilliseconds(-1250);

        _server.Time.Advance(TimeSpan.FromSeconds(5));
        await _offsets.WaitForBeatAsync();
        var looped = Assert.Single(await ListAsync());

        // A heartbeat carries the offset measured by the one before it.
        await _server.Services.GetRequiredService<NodeHeartbeatService>().BeatAsync(Ct);
        var next = Assert.Single(await ListAsync());

        Assert.Equal(("2027-01-01T00:00:05Z", "0s"), ((string?)looped["heartbeatTime"], (string?)looped["clockOffset"]));
        Assert.Equal("-1.25s", (string?)next["clockOffset"]);
    }

    [Fact]
    public async Task List_AnotherNodeSilent_GoneAfterThreeIntervalsByTheDatabasesClock()
    {
        var nodes = _server.Services.GetRequiredService<INodeStore>();
        await nodes.HeartbeatAsync(new NodeHeartbeat("node-b", "http://10.0.0.2:8085", "0.9", Start.AddHours(-1), 4, TimeSpan.FromSeconds(1), null), TimeSpan.FromDays(1), Ct);

        _server.Time.Advance(TimeSpan.FromSeconds(15));
        var atBound = (await ListAsync()).Single(n => (string?)n["id"] == "node-b");
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        var gone = (await ListAsync()).Single(n => (string?)n["id"] == "node-b");

        Assert.Equal("ACTIVE", (string?)atBound["state"]);
        Assert.Equal(("GONE", "no heartbeat for 16s"), ((string?)gone["state"], (string?)gone["reason"]));
        Assert.Equal(("http://10.0.0.2:8085", "0.9", 4, "1s"), ((string?)gone["address"], (string?)gone["version"], (int)gone["executionsInFlight"]!, (string?)gone["clockOffset"]));
    }

    [Fact]
    public async Task List_AnAttemptAwaitingItsAnswer_OneInFlight()
    {
        await using var target = await RecordingTarget.StartAsync();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.Respond = (_, aborted) => release.Task.WaitAsync(aborted);
        await _api.CreateAsync(_api.Job("slow", target.Url("/slow")));
        await _api.ActAsync("slow", "run");
        await _server.Dispatcher.RunOnceAsync(Ct);
        await target.WaitForRequestsAsync(1);

        await _server.Services.GetRequiredService<NodeHeartbeatService>().BeatAsync(Ct);
        var inFlight = (int)Assert.Single(await ListAsync())["executionsInFlight"]!;
        release.SetResult(200);
        await _server.Dispatcher.WhenIdleAsync();

        Assert.Equal(1, inFlight);
    }

    [Fact]
    public async Task List_ATimeArmedAheadNotYetSent_CountedAsHeld()
    {
        await using var target = await RecordingTarget.StartAsync();
        await _api.CreateAsync(_api.Job("armed", target.Url("/armed"), "* * * * *", "Etc/UTC"));
        _server.Time.SetUtcNow(Start.AddMinutes(1).AddSeconds(-1));
        await _server.Dispatcher.RunOnceAsync(Ct);
        Assert.Equal(1, _server.Dispatcher.Armed);

        await _server.Services.GetRequiredService<NodeHeartbeatService>().BeatAsync(Ct);

        Assert.Equal(1, (int)Assert.Single(await ListAsync())["executionsInFlight"]!);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task List_AdminTokenRequired_UnauthenticatedWithoutIt()
    {
        await using var server = new BelfryServerFactory(adminToken: "nodes-token-123");
        using var client = server.CreateClient();

        using var refused = await client.GetAsync(new Uri("/v1/nodes", UriKind.Relative), Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nodes-token-123");
        using var allowed = await client.GetAsync(new Uri("/v1/nodes", UriKind.Relative), Ct);

        Assert.Equal((401, 200), ((int)refused.StatusCode, (int)allowed.StatusCode));
    }

    private async Task<List<JsonNode>> ListAsync()
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, "nodes");
        Assert.Equal(200, status);
        return [.. body["nodes"]!.AsArray().Select(n => n!)];
    }
}
