using System.Text.Json.Nodes;
using Belfry.Notifications.Delivery;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Notifications;

/// <summary>
/// Routes on jobs, end to end: the dispatcher records executions against a real target, the relay sends the
/// outbox to a Discord-like receiver. The job runs at 06:00 Tokyo (21:00Z) with two retries 10s and 20s apart.
/// </summary>
public sealed class FailureNotificationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _discord = await DiscordReceiver.StartAsync();
        _server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        _server.Settings["Belfry:DashboardUrl"] = "https://belfry.example/";
        _api = new ApiClient(_server.CreateClient());
        var (status, _) = await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");
        Assert.Equal(200, status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
        await _server.NotifyAsync();
    }

    [Fact]
    public async Task FailedAfterItsLastRetry_OneRedEmbed_NotOnePerAttempt()
    {
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(500, """{"status":"failed","error":"boom: simulated failure"}"""));
        await _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"), """ "notifyOnFailure":["ops"],"notifyOnRecovery":["ops"] """, retryCount: 2);

        await CycleAtAsync(TokyoSixAm);
        await CycleAtAsync(TokyoSixAm.AddSeconds(10));
        Assert.Equal(2, _target.Requests.Count);
        Assert.Empty(_discord.Requests);

        await CycleAtAsync(TokyoSixAm.AddSeconds(30));

        Assert.Equal(3, _target.Requests.Count);
        var request = Assert.Single(_discord.Requests);
        Assert.Equal($"/api/webhooks/1234567890/{DiscordReceiver.Token}", request.Path);
        var execution = _target.Requests[0].Header("X-Belfry-Execution");
        var expected = JsonNode.Parse($$$"""
            {"embeds":[{
              "title":"Job failed: sync-daily-data",
              "description":"The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 3 attempts. Last answer: HTTP 500.\n```\nHTTP 500: boom: simulated failure\n\n{\"status\":\"failed\",\"error\":\"boom: simulated failure\"}\n```",
              "color":16711680,
              "timestamp":"2027-01-01T21:00:30.000Z",
              "url":"https://belfry.example/jobs/test-project/asia-northeast1/sync-daily-data/executions/{{{execution}}}",
              "fields":[
                {"name":"Job","value":"sync-daily-data","inline":true},
                {"name":"Schedule time","value":"2027-01-02 06:00 +09:00 (Asia/Tokyo)","inline":true},
                {"name":"Attempts","value":"3","inline":true},
                {"name":"Last status","value":"HTTP 500","inline":true}],
              "footer":{"text":"Belfry · execution.failed"}}],
             "allowed_mentions":{"parse":[]}}
            """);
        var body = JsonNode.Parse(request.Body);
        Assert.True(JsonNode.DeepEquals(expected, body), body!.ToJsonString());
        Assert.Equal("execution.failed", request.Header("X-Belfry-Event-Type"));

        await CycleAtAsync(TokyoSixAm.AddHours(1));
        Assert.Single(_discord.Requests);
    }

    [Fact]
    public async Task ManualRunFailed_DescribedAsAManualRun()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"), """ "notifyOnFailure":["ops"] """);
        _server.Time.SetUtcNow(TokyoSixAm.AddHours(-3));
        Assert.Equal(200, (await _api.ActAsync("sync-daily-data", "run")).Status);

        await CycleAtAsync(TokyoSixAm.AddHours(-3));

        var embed = _discord.Embed(0);
        Assert.StartsWith("The manual run started at 2027-01-02 03:00 +09:00 (Asia/Tokyo) failed after 1 attempt. Last answer: HTTP 500.",
            (string)embed["description"]!, StringComparison.Ordinal);
        Assert.Equal(("Manual run", "2027-01-02 03:00 +09:00 (Asia/Tokyo)"), ((string)embed["fields"]![1]!["name"]!, (string)embed["fields"]![1]!["value"]!));
    }

    [Fact]
    public async Task SuccessAfterAFailure_GreenRecoveryOnce()
    {
        _target.Respond = (_, _) => Task.FromResult(503);
        await _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"), """ "notifyOnFailure":["ops"],"notifyOnRecovery":["ops"] """);
        await CycleAtAsync(TokyoSixAm);

        _target.Respond = (_, _) => Task.FromResult(200);
        await CycleAtAsync(TokyoSixAm.AddDays(1));
        await CycleAtAsync(TokyoSixAm.AddDays(2));

        Assert.Equal(["Job failed: sync-daily-data", "Job recovered: sync-daily-data"], _discord.Titles);
        var recovered = _discord.Embed(1);
        Assert.Equal(0x00CC44, (int)recovered["color"]!);
        Assert.Equal("The run scheduled for 2027-01-03 06:00 +09:00 (Asia/Tokyo) succeeded after 1 attempt; the job had failed before.", (string)recovered["description"]!);
        Assert.Equal("2027-01-02T21:00:00.000Z", (string)recovered["timestamp"]!);
    }

    [Fact]
    public async Task NotifyOnSuccess_OptIn_EverySuccessAndNoFailures()
    {
        var calls = 0;
        _target.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 2 ? 500 : 200);
        await _api.CreateRoutedJobAsync("report", _target.Url("/report"), """ "notifyOnSuccess":["ops"] """);

        await CycleAtAsync(TokyoSixAm);
        await CycleAtAsync(TokyoSixAm.AddDays(1));
        await CycleAtAsync(TokyoSixAm.AddDays(2));

        Assert.Equal(["Job succeeded: report", "Job succeeded: report"], _discord.Titles);
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(52292, (int)_discord.Embed(i)["color"]!));
    }

    [Fact]
    public async Task WebhookChannel_DocumentedJsonBodySignedWithTheSecret()
    {
        _server.Variables["BELFRY_SECRET_HOOK_SECRET"] = "hmac-key-for-tests";
        await _api.CreateChannelAsync("hook", "WEBHOOK", _discord.WebhookUrl, extra: "\"secret\":\"env:BELFRY_SECRET_HOOK_SECRET\"");
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"), """ "notifyOnFailure":["hook"] """);

        await CycleAtAsync(TokyoSixAm);

        var request = Assert.Single(_discord.Requests);
        Assert.True(WebhookSignature.Verify("hmac-key-for-tests", request.Body, request.Header("X-Belfry-Signature-256")));
        var body = JsonNode.Parse(request.Body)!;
        var execution = _target.Requests[0].Header("X-Belfry-Execution");
        Assert.Equal(request.Header("X-Belfry-Event-Id"), (string)body["id"]!);
        Assert.Equal(("execution.failed", "error", "2027-01-01T21:00:00.000Z"), ((string)body["type"]!, (string)body["severity"]!, (string)body["time"]!));
        var expectedData = JsonNode.Parse($$$"""
            {"job":{"name":"projects/test-project/locations/asia-northeast1/jobs/sync-daily-data","id":"sync-daily-data","timeZone":"Asia/Tokyo"},
             "execution":{"name":"projects/test-project/locations/asia-northeast1/jobs/sync-daily-data/executions/{{{execution}}}","id":"{{{execution}}}",
               "scheduleTime":"2027-01-02T06:00:00+09:00","trigger":"SCHEDULED","attempts":1,"statusCode":500,"error":"HTTP 500"}}
            """)!;
        Assert.True(JsonNode.DeepEquals(expectedData["job"], body["job"]), body.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expectedData["execution"], body["execution"]), body.ToJsonString());
    }

    [Fact]
    public async Task SlackChannel_BlocksWithTheSameFacts()
    {
        await _api.CreateChannelAsync("slack", "SLACK", _discord.WebhookUrl);
        _target.Respond = (_, _) => Task.FromResult(500);
        await _api.CreateRoutedJobAsync("sync-daily-data", _target.Url("/sync"), """ "notifyOnFailure":["slack"] """);

        await CycleAtAsync(TokyoSixAm);

        var body = JsonNode.Parse(Assert.Single(_discord.Requests).Body)!;
        Assert.Equal("Job failed: sync-daily-data", (string)body["text"]!);
        Assert.Equal(":red_circle: Job failed: sync-daily-data", (string)body["blocks"]![0]!["text"]!["text"]!);
        Assert.Equal("*Schedule time*\n2027-01-02 06:00 +09:00 (Asia/Tokyo)", (string)body["blocks"]![2]!["fields"]![1]!["text"]!);
    }
}
