using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Retention;

/// <summary>
/// Retention and the dead-man's switch: a monthly job under the default 30-day age keeps its last success, which the
/// missed-run watcher confirms its last scheduled time with, so no false "did not run" alert follows a retention pass.
/// The job runs at 00:00Z on the 1st with a one-hour deadline; it is created at 2026-12-31T23:00Z.
/// </summary>
public sealed class RetentionMissedRunTests : IAsyncLifetime
{
    private static readonly DateTimeOffset January = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(start: January.AddHours(-1));
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
        var (status, _) = await _api.CreateRoutedJobAsync("monthly-report", _target.Url("/report"),
            """ "notifyOnFailure":["ops"],"missedRunDeadline":"3600s" """, schedule: "0 0 1 * *", timeZone: "Etc/UTC");
        Assert.Equal(200, status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task MonthlyJob_LastSuccessOlderThanTheAge_KeptSoNoMissedRunAlert()
    {
        _server.Time.SetUtcNow(January);
        await _server.DispatchAsync();
        Assert.Single(_target.Requests);

        // The watcher has not looked since the run (as after a long stop): retention runs first, 30.5 days later.
        _server.Time.SetUtcNow(January.AddDays(30.5));
        Assert.Equal(0, (await _server.RetainAsync()).Executions);
        await _server.WatchAsync();
        await _server.NotifyAsync();

        Assert.Empty(_discord.Requests);
        Assert.Equal("SUCCEEDED", (string)(await _api.ExecutionsAsync("monthly-report")).Body["executions"]![0]!["state"]!);
    }

    [Fact]
    public async Task MonthlyJob_ANewerSuccess_TheOldOneGoes()
    {
        // A running server's watcher confirms each run within its interval.
        var february = January.AddMonths(1);
        foreach (var run in new[] { January, february })
        {
            _server.Time.SetUtcNow(run);
            await _server.DispatchAsync();
            _server.Time.SetUtcNow(run.AddMinutes(1));
            await _server.WatchAsync();
        }

        Assert.Equal(2, _target.Requests.Count);

        _server.Time.SetUtcNow(february.AddDays(27));
        Assert.Equal(1, (await _server.RetainAsync()).Executions);
        await _server.WatchAsync();
        await _server.NotifyAsync();

        Assert.Empty(_discord.Requests);
        var left = (await _api.ExecutionsAsync("monthly-report")).Body["executions"]!.AsArray();
        Assert.Equal(february.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), (string)Assert.Single(left)!["scheduleTime"]!);
    }
}
