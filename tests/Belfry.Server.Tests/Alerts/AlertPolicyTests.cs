using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Alerts;

/// <summary>
/// An alert policy end to end: 2 failures within 5 minutes fire one alert, then at most one message per 5-minute
/// rate limit while it lasts, and one resolve message when the window clears. The job fires every minute.
/// </summary>
public sealed class AlertPolicyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = BelfryServerFactory.DefaultStart;
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _discord = await DiscordReceiver.StartAsync();
        _server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private async Task MinuteAsync(int minute)
    {
        _server.Time.SetUtcNow(Midnight.AddMinutes(minute));
        await _server.DispatchAsync();
        await _server.WatchAsync();
        await _server.NotifyAsync();
    }

    [Fact]
    public async Task Failures_FireOnceThenRateLimitedThenResolve()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateAsync(_api.Job("every-minute", _target.Url("/sync"), schedule: "* * * * *", timeZone: "Etc/UTC"));
        var (status, policy) = await _api.CreatePolicyAsync("scheduler-failures",
            """{"failures":2,"window":"300s","rateLimit":"300s","channels":["ops"],"jobs":["every-*"]}""");
        Assert.Equal(200, status);
        Assert.Equal("OK", (string?)policy["state"]);

        await MinuteAsync(1);
        Assert.Empty(_discord.Requests);
        await MinuteAsync(2);
        Assert.Equal(["Alert: scheduler-failures"], _discord.Titles);
        Assert.Equal("FIRING", (string?)(await _api.SendAsync(HttpMethod.Get, _api.Parent + "/alertPolicies/scheduler-failures")).Body["state"]);

        for (var minute = 3; minute <= 6; minute++)
        {
            await MinuteAsync(minute);
        }

        Assert.Single(_discord.Requests);
        await MinuteAsync(7);
        Assert.Equal(2, _discord.Requests.Count);

        _target.Respond = (_, _) => Task.FromResult(200);
        for (var minute = 8; minute <= 15; minute++)
        {
            await MinuteAsync(minute);
        }

        Assert.Equal(["Alert: scheduler-failures", "Alert: scheduler-failures", "Resolved: scheduler-failures"], _discord.Titles);
        var first = _discord.Embed(0);
        Assert.Equal("2 failed executions in the last 5m (threshold 2).\nFailing jobs: every-minute ×2", (string)first["description"]!);
        Assert.Equal((16711680, "2027-01-01T00:02:00.000Z"), ((int)first["color"]!, (string)first["timestamp"]!));
        Assert.Equal("5 failed executions in the last 5m (threshold 2); 5 new since the last message.\nFailing jobs: every-minute ×5",
            (string)_discord.Embed(1)["description"]!);
        var resolved = _discord.Embed(2);
        Assert.Equal((52292, "2027-01-01T00:11:00.000Z"), ((int)resolved["color"]!, (string)resolved["timestamp"]!));
        Assert.Equal("OK", (string?)(await _api.SendAsync(HttpMethod.Get, _api.Parent + "/alertPolicies/scheduler-failures")).Body["state"]);
    }

    [Fact]
    public async Task FailuresOfOtherJobs_NotCounted()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateAsync(_api.Job("report", _target.Url("/report"), schedule: "* * * * *", timeZone: "Etc/UTC"));
        await _api.CreatePolicyAsync("sync-failures", """{"failures":1,"channels":["ops"],"jobs":["sync-daily-data"]}""");

        await MinuteAsync(1);
        await MinuteAsync(2);

        Assert.Empty(_discord.Requests);
    }

    /// <summary>Issue 15: "a new policy sent 'Failing jobs: flaky-report ×1' 2 s after 'Job recovered: flaky-report'".</summary>
    [Fact]
    public async Task NewPolicy_FailureRecoveredBeforeIt_NotJudgedButLaterFailuresAre()
    {
        var fail = true;
        _target.Respond = (_, _) => Task.FromResult(fail ? 500 : 200);
        await _api.CreateAsync(_api.Job("flaky-report", _target.Url("/report"), schedule: "* * * * *", timeZone: "Etc/UTC"));
        await MinuteAsync(1);
        fail = false;
        await MinuteAsync(2);

        _server.Time.SetUtcNow(Midnight.AddMinutes(2).AddSeconds(30));
        await _api.CreatePolicyAsync("report-failures", """{"failures":1,"window":"300s","channels":["ops"]}""");
        await MinuteAsync(3);
        var quiet = _discord.Titles.ToList();
        fail = true;
        await MinuteAsync(4);

        Assert.Empty(quiet);
        Assert.Equal(["Alert: report-failures"], _discord.Titles);
        Assert.EndsWith("Failing jobs: flaky-report ×1", (string)_discord.Embed(0)["description"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"displayName":"Reports"}""", "displayName", true)]
    [InlineData("""{"window":"600s"}""", "window", false)]
    [InlineData("""{"jobs":["report"]}""", "jobs", false)]
    public async Task Update_ConditionChangedOrNot_JudgesFromTheChangeOnlyWhenItChanged(string patch, string mask, bool earlierFailureCounts)
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateAsync(_api.Job("report", _target.Url("/report"), schedule: "* * * * *", timeZone: "Etc/UTC"));
        await _api.CreatePolicyAsync("report-failures", """{"failures":2,"window":"300s","channels":["ops"]}""");
        await MinuteAsync(1);

        _server.Time.SetUtcNow(Midnight.AddMinutes(1).AddSeconds(30));
        var (status, _) = await _api.SendAsync(HttpMethod.Patch, $"{_api.Parent}/alertPolicies/report-failures?updateMask={mask}", patch);
        Assert.Equal(200, status);
        await MinuteAsync(2);
        var firedAfterTwo = _discord.Requests.Count;
        await MinuteAsync(3);

        // Two failures fire it: the one before the update counts unless the update changed the condition.
        Assert.Equal((earlierFailureCounts ? 1 : 0, 1), (firedAfterTwo, _discord.Requests.Count));
    }
}
