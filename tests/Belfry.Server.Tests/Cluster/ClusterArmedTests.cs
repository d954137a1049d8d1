using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 2: a change made on one node withdraws the times another node has armed, before that node sends them.
/// Two real servers in-process on one PostgreSQL database, one shared fake clock: node B arms the job's next time, node
/// A pauses (or changes) the job through its API, and B hears it over LISTEN/NOTIFY and drops what it armed.
/// </summary>
public sealed class ClusterArmedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private readonly TwoNodeCluster _cluster = new();
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Armed_OnNodeBThenPausedOnNodeA_NodeBSendsNothing()
    {
        var (a, b) = await _cluster.StartAsync();
        var apiA = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await apiA.CreateAsync(apiA.Job("nightly", _target.Url("/sync"), "* * * * *", "Etc/UTC"))).Status);

        await CycleAtAsync(b, T.AddSeconds(-1));
        Assert.Equal(1, b.Dispatcher.Armed);

        var (heard, subscription) = HearUpdated(b, "nightly");
        using (subscription)
        {
            Assert.Equal(200, (await apiA.ActAsync("nightly", "pause")).Status);
            await heard.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        await CycleAtAsync(b, T.AddMilliseconds(-500));
        Assert.Equal(0, b.Dispatcher.Armed);
        b.Time.SetUtcNow(T);
        a.Time.SetUtcNow(T);
        await b.Dispatcher.WhenIdleAsync();
        await CycleAtAsync(b, T.AddSeconds(1));

        Assert.Empty(_target.Requests);
        var (_, job) = await new ApiClient(b.CreateClient()).GetAsync("nightly");
        Assert.Equal("PAUSED", (string?)job["state"]);
    }

    [Fact]
    public async Task Armed_OnNodeBThenUriChangedOnNodeA_SentOnceToTheNewUri()
    {
        var (a, b) = await _cluster.StartAsync();
        var apiA = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await apiA.CreateAsync(apiA.Job("nightly", _target.Url("/old"), "* * * * *", "Etc/UTC"))).Status);
        await CycleAtAsync(b, T.AddSeconds(-1));
        Assert.Equal(1, b.Dispatcher.Armed);

        var (heard, subscription) = HearUpdated(b, "nightly");
        using (subscription)
        {
            var (status, _) = await apiA.SendAsync(HttpMethod.Patch, apiA.JobName("nightly") + "?updateMask=httpTarget.uri",
                $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
            Assert.Equal(200, status);
            await heard.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        await CycleAtAsync(b, T.AddMilliseconds(-500));
        Assert.Equal(1, b.Dispatcher.Armed);
        b.Time.SetUtcNow(T);
        await b.Dispatcher.WhenIdleAsync();
        await CycleAtAsync(b, T.AddMilliseconds(500));

        var request = Assert.Single(_target.Requests);
        Assert.Equal("/new", request.Path);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
    }

    private static async Task CycleAtAsync(BelfryServerFactory node, DateTimeOffset now)
    {
        node.Time.SetUtcNow(now);
        await node.DispatchAsync();
    }

    private static (Task Heard, IDisposable Subscription) HearUpdated(BelfryServerFactory node, string jobId) =>
        TwoNodeCluster.Hear(node, change => change.Job?.JobId == jobId && change.Kind == StoreChangeKind.JobUpdated);
}
