using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>Overlap (coalesce, :run), catch-up after downtime, and a pending retry surviving a restart.</summary>
public sealed class OverlapAndCatchUpTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = BelfryServerFactory.DefaultStart;
    private readonly BelfryServerFactory _server = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Overlap_TimesArriveWhileOutstanding_CoalesceIntoOneRecordedSkipped()
    {
        HoldFirstRequest();
        await _api.CreateAsync(_api.Job("every-minute", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC"));

        await CycleAtAsync(Midnight.AddMinutes(1));
        await _target.WaitForRequestsAsync(1);
        await CycleAtAsync(Midnight.AddMinutes(2));
        await CycleAtAsync(Midnight.AddMinutes(3));
        Assert.Single(_target.Requests);

        _release.SetResult();
        await _server.Dispatcher.WhenIdleAsync();
        await _server.DispatchAsync();

        Assert.Equal(["2027-01-01T00:01:00+00:00", "2027-01-01T00:03:00+00:00"], _target.Requests.Select(r => r.Header("X-CloudScheduler-ScheduleTime")));
        Assert.Equal(
            [("2027-01-01T00:03:00Z", "SUCCEEDED"), ("2027-01-01T00:02:00Z", "SKIPPED"), ("2027-01-01T00:01:00Z", "SUCCEEDED")],
            await ExecutionsAsync("every-minute"));
    }

    [Fact]
    public async Task Run_WhileAnExecutionIsOutstanding_FiresImmediatelyMarkedManual()
    {
        HoldFirstRequest();
        await _api.CreateAsync(_api.Job("manual", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC"));
        await CycleAtAsync(Midnight.AddMinutes(1));
        await _target.WaitForRequestsAsync(1);
        _server.Time.Advance(TimeSpan.FromSeconds(10));

        var (status, _) = await _api.ActAsync("manual", "run");
        await _server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await _target.WaitForRequestsAsync(2);

        Assert.Equal(200, status);
        var manual = _target.Requests[1];
        Assert.Equal("manual", manual.Header("X-Belfry-Trigger"));
        Assert.Equal("2027-01-01T00:01:10+00:00", manual.Header("X-CloudScheduler-ScheduleTime"));
        Assert.False(_target.Requests[0].Headers.ContainsKey("X-Belfry-Trigger"));
    }

    [Fact]
    public async Task CatchUp_AfterFiveHoursDown_LatestWithinWindowFiresOnceOthersMissed()
    {
        await _api.CreateAsync(_api.Job("hourly", _target.Url("/sync"), schedule: "0 * * * *", timeZone: "Etc/UTC"));

        await CycleAtAsync(Midnight.AddHours(5.5));
        await _server.Dispatcher.WhenIdleAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T05:00:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal(
            [("2027-01-01T05:00:00Z", "SUCCEEDED"), ("2027-01-01T04:00:00Z", "MISSED"), ("2027-01-01T03:00:00Z", "MISSED"),
             ("2027-01-01T02:00:00Z", "MISSED"), ("2027-01-01T01:00:00Z", "MISSED")],
            await ExecutionsAsync("hourly"));
        var (_, job) = await _api.GetAsync("hourly");
        Assert.Equal("2027-01-01T06:00:00Z", (string?)job["scheduleTime"]);
        var (_, list) = await _api.ExecutionsAsync("hourly");
        Assert.Equal("CATCH_UP", (string?)list["executions"]![0]!["trigger"]);
    }

    [Fact]
    public async Task CatchUp_LatestOutsideWindow_NothingFiresAllMissed()
    {
        await _api.CreateAsync(_api.Job("narrow", _target.Url("/sync"), schedule: "0 * * * *", timeZone: "Etc/UTC",
            extra: """ "belfry":{"catchUpWindow":"600s"}"""));

        await CycleAtAsync(Midnight.AddHours(2.5));
        await _server.Dispatcher.WhenIdleAsync();

        Assert.Empty(_target.Requests);
        Assert.Equal([("2027-01-01T02:00:00Z", "MISSED"), ("2027-01-01T01:00:00Z", "MISSED")], await ExecutionsAsync("narrow"));
    }

    [Fact]
    public async Task Restart_WithRetryPending_NewServerPerformsTheRetry()
    {
        _target.Respond = (_, _) => Task.FromResult(_target.Requests.Count == 1 ? 500 : 200);
        await _api.CreateAsync(_api.Job("survivor", _target.Url("/sync"), schedule: "0 * * * *", timeZone: "Etc/UTC",
            extra: """ "retryConfig":{"retryCount":2,"minBackoffDuration":"30s"}"""));
        await CycleAtAsync(Midnight.AddHours(1));
        await _server.Dispatcher.WhenIdleAsync();
        Assert.Single(_target.Requests);
        await _server.DisposeAsync();

        await using var restarted = new BelfryServerFactory(_server.DataDirectory, Midnight.AddHours(1).AddSeconds(30));
        restarted.CreateClient().Dispose();
        await restarted.DispatchAsync();

        Assert.Equal(["1", "2"], _target.Requests.Select(r => r.Header("X-Belfry-Attempt")));
        var executions = new ApiClient(restarted.CreateClient());
        var (_, list) = await executions.ExecutionsAsync("survivor");
        Assert.Equal("SUCCEEDED", (string?)list["executions"]![0]!["state"]);
    }

    private void HoldFirstRequest() =>
        _target.Respond = async (_, aborted) =>
        {
            if (_target.Requests.Count == 1)
            {
                await _release.Task.WaitAsync(aborted);
            }

            return 200;
        };

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<(string, string)>> ExecutionsAsync(string id)
    {
        var (_, list) = await _api.ExecutionsAsync(id);
        return list["executions"]!.AsArray().Select(e => ((string)e!["scheduleTime"]!, (string)e["state"]!)).ToList();
    }
}
