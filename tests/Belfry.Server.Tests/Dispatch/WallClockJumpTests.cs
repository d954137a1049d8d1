using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Cluster;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Issue 14, point 4 (L12): the wall clock jumps an hour ahead while the monotonic clock does not (a <see cref="SkewedClock"/>
/// whose skew the test changes; timers and timestamps are the fake clock's). Leases are held by the monotonic clock and
/// renewed as soon as the wall clock moved, so nothing is taken over: one request, attempt 1, recorded once. Real
/// SQLite store, a real loopback target that answers only when the test says so, a 6 s lease.
/// </summary>
public sealed class WallClockJumpTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Jump = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private readonly BelfryServerFactory _server = new();
    private readonly TaskCompletionSource<int> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SkewedClock _clock = null!;
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (_, aborted) => _release.Task.WaitAsync(aborted);
        _clock = new SkewedClock(_server.Time, TimeSpan.Zero);
        _server.Settings["Belfry:Dispatch:LeaseDuration"] = "00:00:06";
        _server.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult(200);
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Cycles_WallClockJumpsAnHourWithAnAttemptInFlight_NothingTakenOverAndRecordedOnceAsAttemptOne()
    {
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("in-flight", _target.Url("/slow")))).Status);
        Assert.Equal(200, (await _api.ActAsync("in-flight", "run")).Status);
        await _server.Dispatcher.RunOnceAsync(Ct);
        await _target.WaitForRequestsAsync(1);

        _clock.Skew = Jump;
        await RunCyclesAsync();

        await FinishAndAssertSentOnceAsync("in-flight");
    }

    [Fact]
    public async Task Armed_WallClockJumpsAnHourBeforeItsTime_SentByItsTimerAsAttemptOneNotTakenOver()
    {
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("armed", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);
        _server.Time.SetUtcNow(T.AddSeconds(-1));
        await _server.Dispatcher.RunOnceAsync(Ct);
        Assert.Equal(1, _server.Dispatcher.Armed);

        // The wall clock now says the lease (until T + 6 s) ended long ago; by the monotonic clock it has 7 s left.
        _clock.Skew = Jump;
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await _target.WaitForRequestsAsync(1);
        await RunCyclesAsync();

        await FinishAndAssertSentOnceAsync("armed");
    }

    /// <summary>
    /// Four leases' worth of cycles a third of a lease apart; after each, nothing of this node's is claimable, neither by
    /// the node's clock (<see cref="ClusterClock"/>, which follows the monotonic clock until a heartbeat measures the jump)
    /// nor by the jumped wall clock itself.
    /// </summary>
    private async Task RunCyclesAsync()
    {
        var store = _server.Services.GetRequiredService<IDispatchQueue>();
        var clusterClock = _server.Services.GetRequiredService<ClusterClock>();
        var heartbeat = _server.Services.GetRequiredService<NodeHeartbeatService>();
        for (var step = 0; step < 12; step++)
        {
            _server.Time.Advance(Lease / 3);
            await _server.Dispatcher.RunOnceAsync(Ct);
            Assert.Empty(await store.ClaimDueAttemptsAsync(clusterClock.GetUtcNow(), 10, Lease, Ct));
            if (step == 5)
            {
                // The heartbeat measures the jump (SQLite's clock is the node's): the node's clock is the wall clock again.
                await heartbeat.BeatAsync(Ct);
                Assert.Equal(_clock.GetUtcNow(), clusterClock.GetUtcNow());
                await _server.Dispatcher.RunOnceAsync(Ct);
            }

            if (step > 5)
            {
                Assert.Empty(await store.ClaimDueAttemptsAsync(_clock.GetUtcNow(), 10, Lease, Ct));
            }
        }
    }

    private async Task FinishAndAssertSentOnceAsync(string job)
    {
        _release.SetResult(200);
        await _server.Dispatcher.WhenIdleAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal(("1", "1"), (request.Header("X-Belfry-Attempt"), request.Header("X-Belfry-Epoch")));
        // The jump also passed an hour of the job's minutes, recorded as MISSED (catch-up); the execution sent is one.
        var executions = (await _api.SendAsync(HttpMethod.Get, _api.JobName(job) + "/executions?pageSize=500")).Body["executions"]!.AsArray();
        var execution = Assert.Single(executions, e => ((string)e!["name"]!).EndsWith("/" + request.Header("X-Belfry-Execution"), StringComparison.Ordinal))!;
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
        Assert.Single(execution["attempts"]!.AsArray());
        Assert.Equal(0, _server.Services.GetRequiredService<LeaseKeeper>().Count);
    }
}
