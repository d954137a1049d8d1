using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Belfry.Testing;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// A real loopback receiver that behaves like Discord's webhook API (on <see cref="RecordingTarget"/>): 204 on
/// success, 429 with <c>{"retry_after": …}</c> when rate limiting, 5xx when broken; or it hangs. Answers follow a
/// script, then 204.
/// </summary>
public sealed class DiscordReceiver : IAsyncDisposable
{
    public const string Token = "discord-token-6b1f0c9e";
    private readonly ConcurrentQueue<TargetReply> _script = new();

    private DiscordReceiver(RecordingTarget target)
    {
        Target = target;
        target.Reply = async (_, aborted) =>
        {
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            return _script.TryDequeue(out var reply) ? reply : new TargetReply(204);
        };
    }

    public RecordingTarget Target { get; }

    /// <summary>Discord's shape: <c>/api/webhooks/{id}/{token}</c>. A secret: it must never be logged or answered.</summary>
    public string WebhookUrl => Target.Url($"/api/webhooks/1234567890/{Token}");

    /// <summary>Every request hangs until the sender gives up.</summary>
    public bool Hang { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => Target.Requests;

    public static TargetReply RateLimited(double retryAfterSeconds) => new(429,
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":false}""");

    public static TargetReply Status(int status) => new(status, status >= 400 ? """{"message":"error","code":0}""" : null);

    public static async Task<DiscordReceiver> StartAsync() => new(await RecordingTarget.StartAsync());

    /// <summary>The next answers, in order; 204 after them.</summary>
    public void Answer(params TargetReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>The first embed of request <paramref name="index"/>.</summary>
    public JsonObject Embed(int index) => JsonNode.Parse(Requests[index].Body)!["embeds"]![0]!.AsObject();

    public IReadOnlyList<string> Titles => [.. Requests.Select(r => JsonNode.Parse(r.Body)?["embeds"]?[0]?["title"]?.GetValue<string>() ?? "")];

    public ValueTask DisposeAsync() => Target.DisposeAsync();
}
