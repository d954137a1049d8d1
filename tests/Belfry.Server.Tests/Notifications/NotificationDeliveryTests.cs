using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Belfry.Core.Storage;
using Belfry.Server.Telemetry;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Notifications;

/// <summary>
/// The outbox relay against a Discord-like receiver: retry timing under the fake clock (Discord's
/// <c>retry_after</c>, then a 5s, 10s, … backoff), the give-up bound with its log line and metric, a dead webhook
/// that never holds up dispatch, and exactly-once delivery across a restart.
/// </summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/healthy" ? 200 : 500);
        _discord = await DiscordReceiver.StartAsync();
        _api = Start(_server);
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");
    }

    public async ValueTask DisposeAsync()
    {
        _discord.Hang = false;
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private ApiClient Start(BelfryServerFactory server)
    {
        server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        server.Settings["Belfry:Notifications:MaxAttempts"] = "3";
        return new ApiClient(server.CreateClient());
    }

    /// <summary>Job <paramref name="id"/> is run now and fails: one event for channel ops.</summary>
    private async Task FailJobAsync(string id)
    {
        await _api.CreateRoutedJobAsync(id, _target.Url("/" + id), """ "notifyOnFailure":["ops"] """);
        await _api.ActAsync(id, "run");
        await _server.DispatchAsync();
    }

    private async Task NotifyAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.NotifyAsync();
    }

    [Fact]
    public async Task RateLimited_RetriedExactlyAfterDiscordsRetryAfter()
    {
        _server.Time.SetUtcNow(T);
        await FailJobAsync("sync");
        _discord.Answer(DiscordReceiver.RateLimited(1.5));

        await NotifyAtAsync(T);
        await NotifyAtAsync(T.AddSeconds(1.4));
        Assert.Single(_discord.Requests);

        await NotifyAtAsync(T.AddSeconds(1.5));
        await NotifyAtAsync(T.AddMinutes(10));

        Assert.Equal(2, _discord.Requests.Count);
        Assert.Equal(_discord.Requests[0].Header("X-Belfry-Event-Id"), _discord.Requests[1].Header("X-Belfry-Event-Id"));
        Assert.Null(await _server.Services.GetRequiredService<INotificationOutbox>().GetNextNotificationDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ServerErrors_BackoffThenGiveUpAfterTheBoundWithALogLineAndAMetric()
    {
        var failed = new ConcurrentQueue<(long Value, string Tags)>();
        var meter = _server.Services.GetRequiredService<BelfryMetrics>().Meter;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name == "belfry.notifications.failed")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            failed.Enqueue((value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
        _server.Time.SetUtcNow(T);
        await FailJobAsync("sync");
        _discord.Answer(DiscordReceiver.Status(500), DiscordReceiver.Status(502), DiscordReceiver.Status(503), DiscordReceiver.Status(500));

        // Tries at +0s, then after 5s and 10s of backoff; the third failure is the last (MaxAttempts = 3).
        await NotifyAtAsync(T);
        await NotifyAtAsync(T.AddSeconds(4.9));
        Assert.Single(_discord.Requests);
        await NotifyAtAsync(T.AddSeconds(5));
        await NotifyAtAsync(T.AddSeconds(14.9));
        Assert.Equal(2, _discord.Requests.Count);
        await NotifyAtAsync(T.AddSeconds(15));
        await NotifyAtAsync(T.AddDays(1));

        Assert.Equal(3, _discord.Requests.Count);
        var gaveUp = Assert.Single(_server.Logs.Entries, e => e.EventId == 203);
        Assert.Equal(LogLevel.Error, gaveUp.Level);
        Assert.Matches("^Gave up on notification [0-9a-f]{32} \\(execution.failed\\) to channel ops after 3 tries: The receiver answered HTTP 503. No more retries.$", gaveUp.Message);
        Assert.Equal([(1L, "channel.type=discord,reason=retries_exhausted")], failed);
    }

    [Fact]
    public async Task Refused_GivesUpAtOnce()
    {
        _server.Time.SetUtcNow(T);
        await FailJobAsync("sync");
        _discord.Answer(DiscordReceiver.Status(404));

        await NotifyAtAsync(T);
        await NotifyAtAsync(T.AddDays(1));

        Assert.Single(_discord.Requests);
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 203 && e.Message.EndsWith("after 1 tries: The receiver answered HTTP 404.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadWebhook_DispatchStillRecordsExecutionsMeanwhile()
    {
        _server.Time.SetUtcNow(T);
        await FailJobAsync("sync");
        _discord.Hang = true;
        await _server.Relay.RunOnceAsync(TestContext.Current.CancellationToken);
        await _discord.Target.WaitForRequestsAsync(1);

        await _api.CreateAsync(_api.Job("healthy", _target.Url("/healthy")));
        await _api.ActAsync("healthy", "run");
        await _server.DispatchAsync();

        var executions = (await _api.ExecutionsAsync("healthy")).Body["executions"]!.AsArray();
        Assert.Equal("SUCCEEDED", (string?)Assert.Single(executions)!["state"]);
        _server.Time.Advance(TimeSpan.FromSeconds(10));
        await _server.Relay.WhenIdleAsync();
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 202 && e.Message.Contains("No answer within 10s.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_OnlyUndeliveredAreSentAgain_EachDeliveredOnce()
    {
        _server.Time.SetUtcNow(T);
        await FailJobAsync("first");
        await NotifyAtAsync(T);
        await FailJobAsync("second");
        _discord.Answer(DiscordReceiver.Status(500));
        await NotifyAtAsync(T);

        // The third is claimed by a sender that dies before recording anything.
        await FailJobAsync("third");
        var store = _server.Services.GetRequiredService<INotificationOutbox>();
        var lost = Assert.Single(await store.ClaimNotificationsAsync(T, 10, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        await _server.DisposeAsync();

        _server = new BelfryServerFactory(_server.DataDirectory, T.AddSeconds(30));
        _api = Start(_server);
        await _server.NotifyAsync();
        await NotifyAtAsync(T.AddDays(1));

        var sent = _discord.Requests.Select(r => (Id: r.Header("X-Belfry-Event-Id"), Job: (string)JsonNode.Parse(r.Body)!["embeds"]![0]!["title"]!)).ToList();
        Assert.Equal(
            ["Job failed: first", "Job failed: second", "Job failed: second", "Job failed: third"],
            sent.Select(s => s.Job).Take(2).Concat(sent.Skip(2).Select(s => s.Job).Order(StringComparer.Ordinal)));
        Assert.Equal(3, sent.Select(s => s.Id).Distinct().Count());
        Assert.Contains(sent, s => s.Id == lost.Id);
        Assert.Equal(4, _discord.Requests.Count);
        Assert.Equal(2, _server.Logs.Entries.Count(e => e.EventId == 201)); // the restarted server delivered second and third

    }
}
