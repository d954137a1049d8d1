using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Notifications;

/// <summary>
/// The relay against receivers that throttle or answer slowly (issue 14, M7), on real loopback receivers under the
/// fake clock: a 429's <c>retry_after</c> holds the whole channel back, and a queue behind a slow receiver keeps its
/// leases, so no row is claimed again and sent twice.
/// </summary>
public sealed class NotificationRelayFaultTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(start: T);
    private DiscordReceiver _ops = null!;
    private DiscordReceiver _team = null!;
    private ApiClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private INotificationOutbox Outbox => _server.Services.GetRequiredService<INotificationOutbox>();

    public async ValueTask InitializeAsync()
    {
        _ops = await DiscordReceiver.StartAsync();
        _team = await DiscordReceiver.StartAsync();
        _server.Variables["BELFRY_SECRET_OPS_URL"] = _ops.WebhookUrl;
        _server.Variables["BELFRY_SECRET_TEAM_URL"] = _team.WebhookUrl;
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_OPS_URL");
        await _api.CreateChannelAsync("team", "DISCORD", "env:BELFRY_SECRET_TEAM_URL");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _ops.DisposeAsync();
        await _team.DisposeAsync();
    }

    private async Task<List<string>> EnqueueAsync(string channel, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Outbox.EnqueueNotificationAsync(
                $"{_api.Parent}/channels/{channel}", new NotificationEvent { Kind = NotificationEventKind.Test, Time = _server.Time.GetUtcNow() }, _server.Time.GetUtcNow(), Ct));
        }

        return ids;
    }

    private async Task NotifyAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.NotifyAsync();
    }

    private static string EventId(RecordedRequest request) => request.Header("X-Belfry-Event-Id");

    [Fact]
    public async Task RetryAfter30_FiftyQueued_OneRequestInTheFirst30s_ThenEachDeliveredWithItsTryUncounted()
    {
        var team = await EnqueueAsync("team", 3);
        var ops = await EnqueueAsync("ops", 50);

        // The first claim (MaxInFlight 50) takes team's 3 and ops' first 47; ops' last 3 are claimed by a later cycle,
        // during the pause. After it: the retried first row and 48 more delivered, then a refusal, whose give-up line
        // counts its tries.
        _ops.Answer([DiscordReceiver.RateLimited(30), .. Enumerable.Repeat(DiscordReceiver.Status(204), 49), DiscordReceiver.Status(404)]);
        await NotifyAtAsync(T);
        Assert.Equal(team, _team.Requests.Select(EventId));

        await NotifyAtAsync(T.AddSeconds(1));
        _server.Time.SetUtcNow(T.AddSeconds(10));
        var late = Assert.Single(await EnqueueAsync("ops", 1));
        await NotifyAtAsync(T.AddSeconds(10));
        await NotifyAtAsync(T.AddSeconds(29.999));

        Assert.Equal([ops[0]], _ops.Requests.Select(EventId));
        Assert.Equal(T.AddSeconds(30), await Outbox.GetNextNotificationDueAsync(Ct)); // the pause is in the store: a restart keeps it
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 208 && e.Message.StartsWith("Channel ops asked to wait (HTTP 429)", StringComparison.Ordinal));

        await NotifyAtAsync(T.AddSeconds(30));
        await NotifyAtAsync(T.AddSeconds(31));
        await NotifyAtAsync(T.AddDays(1));

        Assert.Equal([ops[0], .. ops, late], _ops.Requests.Select(EventId));
        Assert.Equal(3, _team.Requests.Count);
        var gaveUp = Assert.Single(_server.Logs.Entries, e => e.EventId == 203);
        Assert.Equal($"Gave up on notification {ops[49]} (channel.test) to channel ops after 1 tries: The receiver answered HTTP 404.", gaveUp.Message);
        Assert.Equal(3 + 50, _server.Logs.Entries.Count(e => e.EventId == 201));
        Assert.Null(await Outbox.GetNextNotificationDueAsync(Ct));
    }

    [Fact]
    public async Task SlowReceiver_NineSecondsEach_TwentyQueued_EachEventIdExactlyOnce()
    {
        // 20 × 9 s is three leases (60 s) long; each answer waits until the test has moved the clock 9 s (the timeout is 10 s).
        var ids = await EnqueueAsync("ops", 20);
        using var answers = new SemaphoreSlim(0);
        var answerAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ops.Target.Reply = async (_, aborted) =>
        {
            await Task.WhenAny(answers.WaitAsync(aborted), answerAll.Task);
            return new TargetReply(204);
        };

        await _server.Relay.RunOnceAsync(Ct);
        for (var sent = 1; sent <= ids.Count; sent++)
        {
            await _ops.Target.WaitForRequestsAsync(sent);
            _server.Time.Advance(TimeSpan.FromSeconds(9));

            // A cycle at every step, as the relay's loop runs: it would take over any queued row whose lease had lapsed.
            await _server.Relay.RunOnceAsync(Ct);
            answers.Release();
        }

        // Whatever else was sent (a second copy, if a lapsed row was taken over) is answered too, and counted below.
        answerAll.SetResult();
        await _server.Relay.WhenIdleAsync();
        await NotifyAtAsync(T.AddDays(1));

        var received = _ops.Requests.Select(EventId).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal)); // each exactly once
        Assert.Equal(ids, received); // and in the order they were raised
        Assert.Equal(ids.Count, _server.Logs.Entries.Count(e => e.EventId == 201));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.EventId is 202 or 204 or 207);
        Assert.Null(await Outbox.GetNextNotificationDueAsync(Ct));
    }
}
