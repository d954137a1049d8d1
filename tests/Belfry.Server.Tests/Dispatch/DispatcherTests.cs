using System.Text;
using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>The dispatcher end to end in-process: real SQLite, real loopback HTTP, a fake clock driven by the test.</summary>
public sealed class DispatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
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
    public async Task Dispatch_AtScheduledTimeInZone_SendsMethodHeadersAndBody()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"full":true}"""));
        await _api.CreateAsync(_api.Job("sync-daily-data", "", target: $$"""
            {"uri":"{{_target.Url("/sync")}}","httpMethod":"PUT","headers":{"Content-Type":"application/json","X-Team":"data"},"body":"{{body}}"}
            """));

        _server.Time.SetUtcNow(TokyoSixAm - TimeSpan.FromSeconds(1));
        await _server.DispatchAsync();
        Assert.Empty(_target.Requests);

        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/sync", request.Path);
        Assert.Equal("""{"full":true}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("data", request.Header("X-Team"));
        Assert.Equal("Google-Cloud-Scheduler", request.Header("User-Agent"));
        Assert.Equal("true", request.Header("X-CloudScheduler"));
        Assert.Equal("sync-daily-data", request.Header("X-CloudScheduler-JobName"));
        Assert.Equal("2027-01-02T06:00:00+09:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal("1", request.Header("X-Belfry-Attempt"));
        Assert.False(string.IsNullOrEmpty(request.Header("X-Belfry-Execution")));

        var (_, job) = await _api.GetAsync("sync-daily-data");
        Assert.Equal(0, (int?)job["status"]!["code"]);
        Assert.Equal("2027-01-01T21:00:00Z", (string?)job["lastAttemptTime"]);
        Assert.Equal("2027-01-02T21:00:00Z", (string?)job["scheduleTime"]);
    }

    [Fact]
    public async Task Dispatch_TargetKeepsFailing_RetriesWithCloudSchedulerBackoffThenFails()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateAsync(_api.Job("flaky", _target.Url("/sync"),
            extra: """ "retryConfig":{"retryCount":3,"minBackoffDuration":"10s","maxBackoffDuration":"300s","maxDoublings":3}"""));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        // Backoff 10s, 20s, 40s: each retry is sent at its time and not a moment before.
        foreach (var wait in new[] { 10, 20, 40 })
        {
            var sent = _target.Requests.Count;
            _server.Time.Advance(TimeSpan.FromSeconds(wait - 1));
            await _server.DispatchAsync();
            Assert.Equal(sent, _target.Requests.Count);
            _server.Time.Advance(TimeSpan.FromSeconds(1));
            await _server.DispatchAsync();
            Assert.Equal(sent + 1, _target.Requests.Count);
        }

        _server.Time.Advance(TimeSpan.FromHours(1));
        await _server.DispatchAsync();
        Assert.Equal(["1", "2", "3", "4"], _target.Requests.Select(r => r.Header("X-Belfry-Attempt")));

        var execution = await SingleExecutionAsync("flaky");
        Assert.Equal("FAILED", (string?)execution["state"]);
        var attempts = execution["attempts"]!.AsArray();
        Assert.Equal(
            ["2027-01-01T21:00:00Z", "2027-01-01T21:00:10Z", "2027-01-01T21:00:30Z", "2027-01-01T21:01:10Z"],
            attempts.Select(a => (string)a!["startTime"]!));
        Assert.All(attempts, a => Assert.Equal(500, (int?)a!["statusCode"]));
        var (_, job) = await _api.GetAsync("flaky");
        Assert.Equal(13, (int?)job["status"]!["code"]);
        Assert.Equal("2027-01-01T21:01:10Z", (string?)job["lastAttemptTime"]);
    }

    [Fact]
    public async Task Dispatch_FailsThenSucceeds_StopsRetrying()
    {
        var calls = 0;
        _target.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 503 : 204);
        await _api.CreateAsync(_api.Job("recovers", _target.Url("/sync"), extra: """ "retryConfig":{"retryCount":5}"""));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();
        _server.Time.Advance(TimeSpan.FromSeconds(5));
        await _server.DispatchAsync();
        _server.Time.Advance(TimeSpan.FromHours(1));
        await _server.DispatchAsync();

        Assert.Equal(2, _target.Requests.Count);
        var execution = await SingleExecutionAsync("recovers");
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
        Assert.Equal([503, 204], execution["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
    }

    [Fact]
    public async Task Dispatch_TargetSlowerThanAttemptDeadline_AttemptFailsWithDeadline()
    {
        _target.Respond = async (_, aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        };
        await _api.CreateAsync(_api.Job("slow", _target.Url("/sync"), extra: """ "attemptDeadline":"15s" """));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await _target.WaitForRequestsAsync(1);

        _server.Time.Advance(TimeSpan.FromSeconds(15));
        await _server.Dispatcher.WhenIdleAsync();

        var attempt = (await SingleExecutionAsync("slow"))["attempts"]![0]!;
        Assert.Null(attempt["statusCode"]);
        Assert.StartsWith("deadline exceeded", (string?)attempt["error"], StringComparison.Ordinal);
        Assert.Equal("15s", (string?)attempt["duration"]);
    }

    [Theory]
    [InlineData("/redirect-to/ok", 200, "SUCCEEDED")]
    [InlineData("/redirect-to/broken", 500, "FAILED")]
    public async Task Dispatch_Redirect_FollowedAndFinalAnswerDecides(string path, int finalStatus, string state)
    {
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/broken" ? 500 : 200);
        await _api.CreateAsync(_api.Job("redirected", "", target: $$"""{"uri":"{{_target.Url(path)}}","httpMethod":"GET"}"""));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        var execution = await SingleExecutionAsync("redirected");
        Assert.Equal(state, (string?)execution["state"]);
        Assert.Equal(finalStatus, (int?)execution["attempts"]![0]!["statusCode"]);
        Assert.Equal([path, path.Replace("/redirect-to", "", StringComparison.Ordinal)], _target.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Dispatch_ConnectionRefused_FailsWithErrorAndUnavailableStatus()
    {
        await _api.CreateAsync(_api.Job("nobody-home", "http://127.0.0.1:1/sync"));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        var attempt = (await SingleExecutionAsync("nobody-home"))["attempts"]![0]!;
        // The category only: no OS text, host or port (issue 10).
        Assert.Equal("connection refused", (string?)attempt["error"]);
        var (_, job) = await _api.GetAsync("nobody-home");
        Assert.Equal(14, (int?)job["status"]!["code"]);
    }

    [Fact]
    public async Task Dispatch_PausedJob_DoesNotFireUntilResumedThenPlansFromNow()
    {
        await _api.CreateAsync(_api.Job("paused", _target.Url("/sync"), schedule: "*/10 * * * *", timeZone: "Etc/UTC"));
        await _api.ActAsync("paused", "pause");

        _server.Time.SetUtcNow(BelfryServerFactory.DefaultStart.AddMinutes(35));
        await _server.DispatchAsync();
        Assert.Empty(_target.Requests);

        await _api.ActAsync("paused", "resume");
        _server.Time.SetUtcNow(BelfryServerFactory.DefaultStart.AddMinutes(40));
        await _server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T00:40:00+00:00", request.Header("X-CloudScheduler-ScheduleTime"));
        var (_, list) = await _api.ExecutionsAsync("paused");
        Assert.Single(list["executions"]!.AsArray());
    }

    private async Task<JsonNode> SingleExecutionAsync(string id)
    {
        var (status, list) = await _api.ExecutionsAsync(id);
        Assert.Equal(200, status);
        return Assert.Single(list["executions"]!.AsArray())!;
    }
}
