using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Alerts;

/// <summary>
/// The dead-man's switch end to end. The job runs daily at 06:00 Tokyo (21:00Z the day before) with a 30-minute
/// deadline; it is created at 2027-01-01T00:00Z.
/// </summary>
public sealed class MissedRunTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = BelfryServerFactory.DefaultStart;
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _discord = await DiscordReceiver.StartAsync();
        _api = Start(_server);
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private ApiClient Start(BelfryServerFactory server)
    {
        server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        return new ApiClient(server.CreateClient());
    }

    private Task<(int Status, JsonNode Body)> CreateJobAsync(int retryCount = 0) => _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"),
        """ "notifyOnFailure":["ops"],"notifyOnRecovery":["ops"],"missedRunDeadline":"1800s" """, retryCount);

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
        await _server.WatchAsync();
        await _server.NotifyAsync();
    }

    [Fact]
    public async Task ServerDownOverTheScheduledTime_AlertRaisedAtStartUp()
    {
        await CreateJobAsync();
        await _server.DisposeAsync();

        // Back at 07:00 Tokyo: 06:00 passed, and its deadline too, while nothing ran. No dispatch is needed to
        // notice: the start-up pass reads the schedule.
        _server = new BelfryServerFactory(_server.DataDirectory, TokyoSixAm.AddHours(1));
        _server.Settings["Belfry:Alerts:Enabled"] = "true";
        _api = Start(_server);
        await _server.NotifyAsync();

        Assert.Equal(["Missed run: sync-daily-data"], _discord.Titles);
        var embed = _discord.Embed(0);
        Assert.Equal("The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) had not succeeded 30m after its time.", (string)embed["description"]!);
        Assert.Equal((16711680, "2027-01-01T22:00:00.000Z"), ((int)embed["color"]!, (string)embed["timestamp"]!));
        Assert.Empty(_target.Requests);
    }

    [Fact]
    public async Task ServerDownForDays_OneAlertCountingTheMissedRuns()
    {
        await CreateJobAsync();
        await _server.DisposeAsync();

        _server = new BelfryServerFactory(_server.DataDirectory, TokyoSixAm.AddDays(2).AddHours(1));
        _server.Settings["Belfry:Alerts:Enabled"] = "true";
        _api = Start(_server);
        await _server.NotifyAsync();

        Assert.Equal(
            "3 scheduled runs, from 2027-01-02 06:00 +09:00 (Asia/Tokyo) to 2027-01-04 06:00 +09:00 (Asia/Tokyo), had not succeeded 30m after their time (was the server down?).",
            (string)Assert.Single(_discord.Requests.Select((_, i) => _discord.Embed(i)))["description"]!);
    }

    [Fact]
    public async Task TargetKeepsFailingPastTheDeadline_AlertThenResolvedByTheNextSuccess()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await CreateJobAsync(retryCount: 5);

        // Retries 10, 20, 40, 80, 160 s apart: the last fails at 21:05:10, before the 21:30 deadline.
        foreach (var seconds in new[] { 0, 10, 30, 70, 150, 310 })
        {
            await CycleAtAsync(TokyoSixAm.AddSeconds(seconds));
        }

        await CycleAtAsync(TokyoSixAm.AddMinutes(29));
        Assert.Equal(["Job failed: sync-daily-data"], _discord.Titles);
        await CycleAtAsync(TokyoSixAm.AddMinutes(30));
        Assert.Equal(["Job failed: sync-daily-data", "Missed run: sync-daily-data"], _discord.Titles);

        _target.Respond = (_, _) => Task.FromResult(200);
        await CycleAtAsync(TokyoSixAm.AddDays(1));

        Assert.Equal(["Job failed: sync-daily-data", "Missed run: sync-daily-data", "Job recovered: sync-daily-data", "Back on schedule: sync-daily-data"], _discord.Titles);
        Assert.Equal(52292, (int)_discord.Embed(3)["color"]!);
        await CycleAtAsync(TokyoSixAm.AddDays(2));
        Assert.Equal(4, _discord.Requests.Count);
    }

    [Fact]
    public async Task Paused_RaisesNone_ResumeRestartsTheClock()
    {
        await CreateJobAsync();
        _server.Time.SetUtcNow(Midnight.AddHours(1));
        await _api.ActAsync("sync-daily-data", "pause");

        await CycleAtAsync(TokyoSixAm.AddDays(2));
        Assert.Empty(_discord.Requests);

        // Resumed on the 4th at 00:00Z: only times from then on are owed, the first being the 5th 06:00 Tokyo.
        _server.Time.SetUtcNow(Midnight.AddDays(3));
        await _api.ActAsync("sync-daily-data", "resume");
        _server.Time.SetUtcNow(TokyoSixAm.AddDays(3).AddMinutes(31));
        await _server.WatchAsync();
        await _server.NotifyAsync();

        Assert.Equal("The run scheduled for 2027-01-05 06:00 +09:00 (Asia/Tokyo) had not succeeded 30m after its time.",
            (string)Assert.Single(_discord.Requests.Select((_, i) => _discord.Embed(i)))["description"]!);
    }
}
