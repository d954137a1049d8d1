using System.Text.Json.Nodes;
using Belfry.Core.Notifications;
using Belfry.Notifications.Delivery;
using Belfry.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Notifications.Tests.Delivery;

/// <summary>The sender against a real loopback receiver that answers as Discord's webhook API does.</summary>
public sealed class NotificationSenderTests : IAsyncLifetime
{
    private const string Token = "s3cr3t-webhook-token";
    private readonly FakeTimeProvider _time = new(Samples.Time);
    private readonly HttpClient _http = new();
    private RecordingTarget _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    private Uri Url => new(_receiver.Url($"/api/webhooks/123/{Token}"));

    private Task<DeliveryResult> SendAsync(ChannelKind kind = ChannelKind.Discord, string? secret = null) =>
        new NotificationSender(_http, _time).SendAsync(new ChannelEndpoint(kind, Url, secret), Samples.Failed, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Send_Discord204_DeliveredWithJsonAndEventHeaders()
    {
        _receiver.Respond = (_, _) => Task.FromResult(204);

        var result = await SendAsync();

        Assert.Equal(new DeliveryResult(DeliveryOutcome.Delivered, 204, null, null), result);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(("POST", $"/api/webhooks/123/{Token}"), (request.Method, request.Path));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(Samples.Failed.Id, request.Header("X-Belfry-Event-Id"));
        Assert.Equal("execution.failed", request.Header("X-Belfry-Event-Type"));
        Assert.Equal(16711680, (int)JsonNode.Parse(request.Body)!["embeds"]![0]!["color"]!);
        Assert.False(request.Headers.ContainsKey("X-Belfry-Signature-256"));
    }

    [Fact]
    public async Task Send_Discord429WithRetryAfterJson_RetryAfterThatLong()
    {
        _receiver.Reply = (_, _) => Task.FromResult(new TargetReply(429, """{"message":"You are being rate limited.","retry_after":1.5,"global":false}""",
            new Dictionary<string, string> { ["Retry-After"] = "2" }));

        var result = await SendAsync();

        Assert.Equal((DeliveryOutcome.Retry, 429, TimeSpan.FromSeconds(1.5)), (result.Outcome, result.StatusCode, result.RetryAfter));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(302, false)]
    public async Task Send_ErrorStatus_RetriedOrRejected(int status, bool retried)
    {
        var outcome = retried ? DeliveryOutcome.Retry : DeliveryOutcome.Rejected;
        _receiver.Respond = (_, _) => Task.FromResult(status);

        var result = await SendAsync();

        Assert.Equal((outcome, status), (result.Outcome, result.StatusCode));
        Assert.Equal($"The receiver answered HTTP {status}.", result.Error);
    }

    [Fact]
    public async Task Send_WebhookWithSecret_SignsTheRawBody()
    {
        var result = await SendAsync(ChannelKind.Webhook, secret: "hmac-key");

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var request = Assert.Single(_receiver.Requests);
        Assert.True(WebhookSignature.Verify("hmac-key", request.Body, request.Header("X-Belfry-Signature-256")));
        Assert.Equal("execution.failed", (string)JsonNode.Parse(request.Body)!["type"]!);
    }

    [Fact]
    public async Task Send_SlackWithSecret_NoSignature()
    {
        await SendAsync(ChannelKind.Slack, secret: "ignored");

        Assert.False(Assert.Single(_receiver.Requests).Headers.ContainsKey("X-Belfry-Signature-256"));
    }

    [Fact]
    public async Task Send_ReceiverHangs_RetryAfterTheTimeoutOnTheFakeClock()
    {
        _receiver.Respond = async (_, aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return 204;
        };
        var sending = SendAsync();
        await _receiver.WaitForRequestsAsync(1);

        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await sending;

        Assert.Equal((DeliveryOutcome.Retry, (int?)null, "No answer within 10s."), (result.Outcome, result.StatusCode, result.Error));
    }

    [Fact]
    public async Task Send_NothingListening_RetryWithAReasonThatNeverNamesTheUrl()
    {
        var port = new Uri(_receiver.BaseUrl).Port;
        await _receiver.DisposeAsync();
        _receiver = await RecordingTarget.StartAsync();
        var endpoint = new ChannelEndpoint(ChannelKind.Discord, new Uri($"http://127.0.0.1:{port}/api/webhooks/1/{Token}"), null);

        var result = await new NotificationSender(_http, _time).SendAsync(endpoint, Samples.Failed, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryOutcome.Retry, result.Outcome);
        Assert.DoesNotContain(Token, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("webhooks", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, endpoint.ToString(), StringComparison.Ordinal);
    }
}
