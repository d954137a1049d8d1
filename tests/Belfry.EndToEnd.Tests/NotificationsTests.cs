using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// The issue's commands against a real <c>belfry serve</c> whose environment holds the Discord webhook URL: the
/// channel is a reference, the real relay loop sends a red embed after the job's last retry, and neither the CLI
/// nor the server's log output ever shows the URL.
/// </summary>
public sealed class NotificationsTests : IAsyncLifetime
{
    private const string Token = "e2e-discord-token-5a4b3c";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;
    private RecordingTarget _discord = null!;
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (_, _) => Task.FromResult(500);
        _discord = await RecordingTarget.StartAsync();
        _discord.Respond = (_, _) => Task.FromResult(204);
        _server = await ServerProcess.StartReadyAsync(_dataDirectory,
            environment: new Dictionary<string, string>
            {
                ["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.Url($"/api/webhooks/99/{Token}"),
                ["Belfry__Alerts__Interval"] = "00:00:01",
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task IssueCommands_TestMessageThenRedEmbedAfterTheLastRetry()
    {
        var results = new List<CliResult>();
        async Task<CliResult> Belfry(params string[] args)
        {
            var result = await BelfryBinary.RunAsync(_server.Endpoint, args);
            results.Add(result);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }

        await Belfry("channels", "create", "discord", "ops", "--webhook-url-env=BELFRY_SECRET_DISCORD_WEBHOOK_URL", "--location=asia-northeast1");
        await Belfry("channels", "test", "ops", "--location=asia-northeast1");
        await _discord.WaitForRequestsAsync(1);
        await Belfry("scheduler", "jobs", "create", "http", "sync-daily-data", "--location=asia-northeast1", "--schedule=0 0 1 1 *",
            $"--uri={_target.Url("/sync")}", "--time-zone=Asia/Tokyo", "--max-retry-attempts=1", "--min-backoff-duration=1s");
        await Belfry("scheduler", "jobs", "update", "http", "sync-daily-data", "--notify-on-failure=ops", "--notify-on-recovery=ops",
            "--missed-run-deadline=30m", "--location=asia-northeast1");
        await Belfry("alert-policies", "create", "scheduler-failures", "--failures=1", "--window=5m", "--rate-limit=5m", "--channel=ops",
            "--location=asia-northeast1");
        await Belfry("scheduler", "jobs", "run", "sync-daily-data", "--location=asia-northeast1");

        // Two attempts, then the failure message; the alert policy's comes from the watcher within its interval.
        await _discord.WaitForRequestsAsync(3);
        Assert.Equal(2, _target.Requests.Count);
        var titles = _discord.Requests.Select(r => (string)JsonNode.Parse(r.Body)!["embeds"]![0]!["title"]!).ToList();
        Assert.Equal("Belfry test notification", titles[0]);
        Assert.Contains("Job failed: sync-daily-data", titles);
        Assert.Contains("Alert: scheduler-failures", titles);
        var failed = JsonNode.Parse(_discord.Requests[titles.IndexOf("Job failed: sync-daily-data")].Body)!;
        Assert.Equal(16711680, (int)failed["embeds"]![0]!["color"]!);
        Assert.All(_discord.Requests, r => Assert.EndsWith(Token, r.Path, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain(Token, r.Stdout + r.Stderr, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, _server.Output, StringComparison.Ordinal);
    }
}
