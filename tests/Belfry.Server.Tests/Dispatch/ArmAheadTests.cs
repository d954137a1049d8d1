using System.Text.Json.Nodes;
using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Arming ahead: a cycle within <c>DispatchOptions.Lookahead</c> (2 s) of a job's time plans and claims it, and a
/// timer sends it at the time, never before. A change through the API between arming and the time wins. The job
/// runs every minute in UTC; its first time T is 00:01:00:
/// <code>
///   00:00:59 (cycle arms T) ── 00:00:59.999 (nothing yet) ── 00:01:00 = T (timer sends) ── 00:02:00 (the time after)
/// </code>
/// The armed timer is created by the cycle that arms, so the clock is moved only after that cycle (STYLE, FakeTimeProvider).
/// </summary>
public sealed class ArmAheadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Armed_OneSecondBeforeItsTime_NotSentBeforeThenSentOnceAtTheTime()
    {
        await CreateEveryMinuteAsync("armed", "/sync");

        await CycleAtAsync(T.AddSeconds(-1));
        Assert.Equal(1, _server.Dispatcher.Armed);
        Assert.Equal("RUNNING", await SingleExecutionStateAsync("armed"));

        await CycleAtAsync(T.AddMilliseconds(-1));
        Assert.Empty(_target.Requests);
        Assert.Equal(1, _server.Dispatcher.Armed);

        await AdvanceToAsync(T);
        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal("1", request.Header("X-Belfry-Attempt"));
        Assert.Equal(0, _server.Dispatcher.Armed);

        await CycleAtAsync(T.AddMilliseconds(500));
        Assert.Single(_target.Requests);
        var execution = await SingleExecutionAsync("armed");
        Assert.Equal(("SUCCEEDED", "2027-01-01T00:01:00Z"), ((string?)execution["state"], (string?)execution["scheduleTime"]));
        Assert.Equal(["2027-01-01T00:01:00Z"], execution["attempts"]!.AsArray().Select(a => (string)a!["startTime"]!));
        var (_, job) = await _api.GetAsync("armed");
        Assert.Equal("2027-01-01T00:02:00Z", (string?)job["scheduleTime"]);
    }

    [Fact]
    public async Task Armed_MoreThanTheLookaheadAhead_NothingArmed()
    {
        await CreateEveryMinuteAsync("early", "/sync");

        await CycleAtAsync(T.AddSeconds(-2).AddMilliseconds(-1));

        Assert.Equal(0, _server.Dispatcher.Armed);
        Assert.Empty((await _api.ExecutionsAsync("early")).Body["executions"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Armed_ThenPaused_NothingSentAtTheTimeAndNothingOutstanding()
    {
        await CreateEveryMinuteAsync("paused", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));
        Assert.Equal(1, _server.Dispatcher.Armed);

        var (status, _) = await _api.ActAsync("paused", "pause");
        Assert.Equal(200, status);
        await CycleAtAsync(T.AddMilliseconds(-500));
        await AdvanceToAsync(T);
        await CycleAtAsync(T);

        Assert.Empty(_target.Requests);
        Assert.Equal(0, _server.Dispatcher.Armed);
        Assert.Empty((await _api.ExecutionsAsync("paused")).Body["executions"]?.AsArray() ?? []);

        // Long after the armed lease would have run out: nothing is taken over either.
        await CycleAtAsync(T.AddMinutes(10));
        Assert.Empty(_target.Requests);
        var (_, job) = await _api.GetAsync("paused");
        Assert.Equal("PAUSED", (string?)job["state"]);
    }

    [Fact]
    public async Task Armed_ThenUriUpdated_SentOnceToTheNewUriAtTheTime()
    {
        await CreateEveryMinuteAsync("moved", "/old");
        await CycleAtAsync(T.AddSeconds(-1));
        Assert.Equal(1, _server.Dispatcher.Armed);

        var (status, _) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("moved") + "?updateMask=httpTarget.uri",
            $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
        Assert.Equal(200, status);
        await CycleAtAsync(T.AddMilliseconds(-500));
        Assert.Empty(_target.Requests);
        await AdvanceToAsync(T);
        await CycleAtAsync(T.AddMilliseconds(500));

        var request = Assert.Single(_target.Requests);
        Assert.Equal("/new", request.Path);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        var execution = await SingleExecutionAsync("moved");
        Assert.Equal(("SUCCEEDED", "2027-01-01T00:01:00Z"), ((string?)execution["state"], (string?)execution["scheduleTime"]));
        Assert.Equal(["2027-01-01T00:01:00Z"], execution["attempts"]!.AsArray().Select(a => (string)a!["startTime"]!));
    }

    [Fact]
    public async Task Armed_ThenRescheduled_NothingAtTheOldTimeOnceAtTheNewOne()
    {
        await CreateEveryMinuteAsync("rescheduled", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));

        var (status, job) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("rescheduled") + "?updateMask=schedule",
            """{"schedule":"*/2 * * * *"}""");
        Assert.Equal(200, status);
        Assert.Equal("2027-01-01T00:02:00Z", (string?)job["scheduleTime"]);
        await CycleAtAsync(T.AddMilliseconds(-500));
        await AdvanceToAsync(T);
        await CycleAtAsync(T.AddSeconds(57));
        Assert.Empty(_target.Requests);
        Assert.Empty((await _api.ExecutionsAsync("rescheduled")).Body["executions"]?.AsArray() ?? []);

        await CycleAtAsync(T.AddSeconds(59));
        await AdvanceToAsync(T.AddMinutes(1));

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:02:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
    }

    [Fact]
    public async Task Armed_ThenDeleted_NothingSent()
    {
        await CreateEveryMinuteAsync("deleted", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));
        Assert.Equal(1, _server.Dispatcher.Armed);

        var (status, _) = await _api.SendAsync(HttpMethod.Delete, _api.JobName("deleted"));
        Assert.Equal(200, status);
        await CycleAtAsync(T.AddMilliseconds(-500));
        await AdvanceToAsync(T);
        await CycleAtAsync(T.AddMinutes(10));

        Assert.Empty(_target.Requests);
        Assert.Equal(0, _server.Dispatcher.Armed);
    }

    [Fact]
    public async Task Armed_ThenPausedAndResumed_SentOnceAtTheTime()
    {
        await CreateEveryMinuteAsync("bounced", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));

        Assert.Equal(200, (await _api.ActAsync("bounced", "pause")).Status);
        _server.Time.SetUtcNow(T.AddMilliseconds(-500));
        var (status, job) = await _api.ActAsync("bounced", "resume");
        Assert.Equal(200, status);
        Assert.Equal("2027-01-01T00:01:00Z", (string?)job["scheduleTime"]);
        await CycleAtAsync(T.AddMilliseconds(-400));
        await AdvanceToAsync(T);
        await CycleAtAsync(T.AddSeconds(1));

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal("SUCCEEDED", await SingleExecutionStateAsync("bounced"));
    }

    [Fact]
    public async Task Armed_ThenDeletedAndCreatedAgain_SentOnceForTheNewJob()
    {
        await CreateEveryMinuteAsync("reborn", "/old");
        await CycleAtAsync(T.AddSeconds(-1));

        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Delete, _api.JobName("reborn"))).Status);
        _server.Time.SetUtcNow(T.AddMilliseconds(-500));
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("reborn", _target.Url("/new"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);
        await CycleAtAsync(T.AddMilliseconds(-400));
        await AdvanceToAsync(T);
        await CycleAtAsync(T.AddSeconds(1));

        Assert.Equal(["/new"], _target.Requests.Select(r => r.Path));
        Assert.Equal("SUCCEEDED", await SingleExecutionStateAsync("reborn"));
    }

    [Fact]
    public async Task Armed_UpdatedWhileItsRequestIsInFlight_NotWithdrawnAndRecorded()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _target.Respond = (r, aborted) => r.Path == "/old" ? release.Task.WaitAsync(aborted) : Task.FromResult(200);
        await CreateEveryMinuteAsync("in-flight", "/old");

        // No waiting for idle while the request is held: a request sent early must fail the test, not hang it.
        _server.Time.SetUtcNow(T.AddSeconds(-1));
        await _server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, _server.Dispatcher.Armed);
        _server.Time.SetUtcNow(T);
        await _target.WaitForRequestsAsync(1);

        _server.Time.SetUtcNow(T.AddMilliseconds(200));
        var (status, _) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("in-flight") + "?updateMask=httpTarget.uri",
            $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
        Assert.Equal(200, status);
        release.SetResult(200);
        await _server.Dispatcher.WhenIdleAsync();
        await CycleAtAsync(T.AddSeconds(1));

        Assert.Equal(["/old"], _target.Requests.Select(r => r.Path));
        Assert.Equal("SUCCEEDED", await SingleExecutionStateAsync("in-flight"));

        // The next time uses the new definition.
        await CycleAtAsync(T.AddSeconds(59));
        await AdvanceToAsync(T.AddMinutes(1));
        Assert.Equal(["/old", "/new"], _target.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task RunOnce_JobDueLater_WakesTheLookaheadBeforeItsTime()
    {
        await CreateEveryMinuteAsync("wake", "/sync");
        _server.Time.SetUtcNow(T.AddSeconds(-30));

        var next = await _server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(T.AddSeconds(-2), next);
    }

    [Fact]
    public async Task Armed_LookaheadZero_NothingArmedAheadAndSentByTheCycleAtTheTime()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Dispatch:Lookahead"] = "00:00:00";
        var api = new ApiClient(server.CreateClient());
        Assert.Equal(200, (await api.CreateAsync(api.Job("no-lookahead", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);

        server.Time.SetUtcNow(T.AddMilliseconds(-1));
        await server.DispatchAsync();
        Assert.Equal(0, server.Dispatcher.Armed);
        Assert.Empty((await api.ExecutionsAsync("no-lookahead")).Body["executions"]?.AsArray() ?? []);

        server.Time.SetUtcNow(T);
        await server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
    }

    [Fact]
    public async Task Armed_EverySecondForFiveSeconds_EachTimeSentOnceAtItsTime()
    {
        var (created, _) = await _api.CreateAsync(_api.Job("per-second", _target.Url("/tick"), schedule: "* * * * * *", timeZone: "Etc/UTC"));
        Assert.Equal(200, created);

        // The loop's rhythm: a cycle every 250 ms (the armed timers fire as the clock passes them).
        for (var step = 0; step < 5 * 4; step++)
        {
            await _server.DispatchAsync();
            _server.Time.Advance(TimeSpan.FromMilliseconds(250));
            await _server.Dispatcher.WhenIdleAsync();
        }

        var expected = Enumerable.Range(1, 5).Select(s => $"2027-01-01T00:00:0{s}+00:00").ToList();
        Assert.Equal(expected, _target.Requests.Select(r => r.Header("X-CloudScheduler-ScheduleTime")));
        var (_, list) = await _api.ExecutionsAsync("per-second");
        var executions = list["executions"]!.AsArray().Reverse().ToList();
        Assert.Equal(
            Enumerable.Range(1, 5).Select(s => ($"2027-01-01T00:00:0{s}Z", "SUCCEEDED", $"2027-01-01T00:00:0{s}Z")),
            executions.Select(e => ((string)e!["scheduleTime"]!, (string)e["state"]!, (string)e["attempts"]![0]!["startTime"]!)));
    }

    [Fact]
    public async Task Armed_ServerRestartsBeforeTheTime_NewServerSendsItAtTheTimeNotBefore()
    {
        await CreateEveryMinuteAsync("restarted", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));
        Assert.Equal(1, _server.Dispatcher.Armed);
        await _server.DisposeAsync();

        await using var restarted = new BelfryServerFactory(_server.DataDirectory, T.AddMilliseconds(-500));
        restarted.CreateClient().Dispose();
        await restarted.DispatchAsync();
        restarted.Time.SetUtcNow(T.AddTicks(-1));
        await restarted.DispatchAsync();
        Assert.Empty(_target.Requests);

        restarted.Time.SetUtcNow(T);
        await restarted.DispatchAsync();
        await restarted.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:01:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        var (_, list) = await new ApiClient(restarted.CreateClient()).ExecutionsAsync("restarted");
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
        Assert.Equal(["2027-01-01T00:01:00Z"], execution["attempts"]!.AsArray().Select(a => (string)a!["startTime"]!));
    }

    [Fact]
    public async Task Armed_ServerRestartsBeforeTheTime_FirstRequestIsAttemptOneWithEveryRetryLeft()
    {
        // Never sent before the restart, so the request at the time is the first attempt, and a retryCount of 1
        // still allows one retry.
        _target.Respond = (_, _) => Task.FromResult(503);
        var (created, _) = await _api.CreateAsync(_api.Job("restarted-retry", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC",
            extra: """ "retryConfig":{"retryCount":1,"minBackoffDuration":"5s"}"""));
        Assert.Equal(200, created);
        await CycleAtAsync(T.AddSeconds(-1));
        await _server.DisposeAsync();

        await using var restarted = new BelfryServerFactory(_server.DataDirectory, T.AddMilliseconds(-500));
        restarted.CreateClient().Dispose();
        await restarted.DispatchAsync();
        restarted.Time.SetUtcNow(T);
        await restarted.DispatchAsync();
        restarted.Time.SetUtcNow(T.AddSeconds(5));
        await restarted.DispatchAsync();

        Assert.Equal(["1", "2"], _target.Requests.Select(r => r.Header("X-Belfry-Attempt")));
    }

    [Fact]
    public async Task Armed_ThenUriUpdatedAndTheTimeComesBeforeACycle_SentOnceToTheNewUri()
    {
        // The API's change wakes the loop, but the armed timer may fire first (the loop is mid-cycle, or the change
        // lands just before the time): the timer must not send what the change withdrew.
        await CreateEveryMinuteAsync("raced", "/old");
        await CycleAtAsync(T.AddSeconds(-1));

        var (status, _) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("raced") + "?updateMask=httpTarget.uri",
            $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
        Assert.Equal(200, status);
        await AdvanceToAsync(T);
        await CycleAtAsync(T);
        await CycleAtAsync(T.AddSeconds(1));

        Assert.Equal(["/new"], _target.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Armed_ThenPausedAndTheTimeComesBeforeACycle_NothingSent()
    {
        await CreateEveryMinuteAsync("raced-pause", "/sync");
        await CycleAtAsync(T.AddSeconds(-1));

        var (status, _) = await _api.ActAsync("raced-pause", "pause");
        Assert.Equal(200, status);
        await AdvanceToAsync(T);
        await CycleAtAsync(T);

        Assert.Empty(_target.Requests);
    }

    [Fact]
    public async Task Armed_UriUpdatedWhileTheCycleThatArmsItIsStillPlanning_SentOnceToTheNewUri()
    {
        // The change commits after the plan that armed the old definition, and another job's armed timer fires before
        // that cycle has queued what it armed: the change must still reach the queued execution.
        await using var server = new BelfryServerFactory();
        PlanHookStore? hooked = null;
        await using var factory = server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Dispatcher>(sp, hooked = new PlanHookStore(sp.GetRequiredService<IDispatchQueue>())))));
        var api = new ApiClient(factory.CreateClient());
        var dispatcher = factory.Services.GetRequiredService<Dispatcher>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(200, (await api.CreateAsync(api.Job("moved", _target.Url("/old"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);
        Assert.Equal(200, (await api.CreateAsync(api.Job("other", _target.Url("/other"), schedule: "59 0 * * * *", timeZone: "Etc/UTC"))).Status);

        // 00:00:57.5 arms "other" for 00:00:59 (its timer is set); "moved" (00:01:00) is beyond the lookahead.
        server.Time.SetUtcNow(T.AddMilliseconds(-2500));
        await dispatcher.RunOnceAsync(ct);
        Assert.Equal(1, dispatcher.Armed);

        // 00:00:58.5 arms "moved"; right after that plan commits, "moved" is retargeted and "other"'s timer fires.
        hooked!.AfterPlan = async () =>
        {
            var (status, _) = await api.SendAsync(HttpMethod.Patch, api.JobName("moved") + "?updateMask=httpTarget.uri",
                $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");
            Assert.Equal(200, status);
            server.Time.SetUtcNow(T.AddSeconds(-1));
        };
        server.Time.SetUtcNow(T.AddMilliseconds(-1500));
        await dispatcher.RunOnceAsync(ct);
        Assert.Null(hooked.AfterPlan);
        await dispatcher.WhenIdleAsync();
        server.Time.SetUtcNow(T.AddMilliseconds(-500));
        await dispatcher.RunOnceAsync(ct);
        server.Time.SetUtcNow(T);
        await dispatcher.WhenIdleAsync();
        server.Time.SetUtcNow(T.AddMilliseconds(500));
        await dispatcher.RunOnceAsync(ct);
        await dispatcher.WhenIdleAsync();

        Assert.Equal(["/other", "/new"], _target.Requests.Select(r => r.Path));
    }

    private async Task CreateEveryMinuteAsync(string id, string path)
    {
        var (status, job) = await _api.CreateAsync(_api.Job(id, _target.Url(path), schedule: "* * * * *", timeZone: "Etc/UTC"));
        Assert.Equal(200, status);
        Assert.Equal("2027-01-01T00:01:00Z", (string?)job["scheduleTime"]);
    }

    /// <summary>Moves the clock to <paramref name="now"/> and runs one cycle there, waiting for what it sent.</summary>
    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
    }

    /// <summary>Moves the clock to <paramref name="now"/> without a cycle (armed timers fire), and waits for what they sent.</summary>
    private async Task AdvanceToAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.Dispatcher.WhenIdleAsync();
    }

    private async Task<JsonNode> SingleExecutionAsync(string id)
    {
        var (status, list) = await _api.ExecutionsAsync(id);
        Assert.Equal(200, status);
        return Assert.Single(list["executions"]!.AsArray())!;
    }

    private async Task<string?> SingleExecutionStateAsync(string id) => (string?)(await SingleExecutionAsync(id))["state"];
}
