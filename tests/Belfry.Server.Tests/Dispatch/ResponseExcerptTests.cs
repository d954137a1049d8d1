using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Why did it fail? (issue 15, point 1; docs/semantics.md, "Response excerpts"): a failed answer's attempt keeps the first
/// 4 kB of a text body, redacted, and its content type, and its status message reads <c>HTTP 500: …</c>; against a real
/// loopback target.
/// </summary>
public sealed class ResponseExcerptTests : IAsyncLifetime
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
    public async Task Dispatch_500WithJsonError_MessageReadsLikeCloudLogAndExcerptIsKept()
    {
        const string Body = """{"status":"failed","error":"boom: simulated failure"}""";
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(500, Body));

        var attempt = await DispatchOnceAsync();

        Assert.Equal("HTTP 500: boom: simulated failure", (string?)attempt["error"]);
        Assert.Equal(Body, (string?)attempt["responseExcerpt"]);
        Assert.Equal("application/json", (string?)attempt["responseContentType"]);
        var (_, job) = await _api.GetAsync("failing");
        Assert.Equal((13, "HTTP 500: boom: simulated failure"), ((int)job["status"]!["code"]!, (string?)job["status"]!["message"]));
    }

    [Fact]
    public async Task Dispatch_503WithPlainTextLines_MessageIsTheFirstLineJoined()
    {
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(503, "  upstream down\n\tretry later\n", ContentType: "text/plain; charset=utf-8"));

        var attempt = await DispatchOnceAsync();

        Assert.Equal("HTTP 503: upstream down retry later", (string?)attempt["error"]);
        Assert.Equal("  upstream down\n\tretry later\n", (string?)attempt["responseExcerpt"]);
        Assert.Equal("text/plain; charset=utf-8", (string?)attempt["responseContentType"]);
    }

    [Fact]
    public async Task Dispatch_BinaryBody_LeftOutAndCounted()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(500, Bytes: png, ContentType: "image/png"));

        var attempt = await DispatchOnceAsync();

        Assert.Equal("HTTP 500: binary body, 12 bytes", (string?)attempt["error"]);
        Assert.Null(attempt["responseExcerpt"]);
        Assert.Equal("image/png", (string?)attempt["responseContentType"]);
    }

    [Fact]
    public async Task Dispatch_InvalidUtf8UnderATextType_TreatedAsBinary()
    {
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(500, Bytes: [0x66, 0x6F, 0xFF, 0xFE, 0x6F], ContentType: "text/plain"));

        var attempt = await DispatchOnceAsync();

        Assert.Equal("HTTP 500: binary body, 5 bytes", (string?)attempt["error"]);
        Assert.Null(attempt["responseExcerpt"]);
    }

    [Fact]
    public async Task Dispatch_HugeBody_KeepsOnlyFourKilobytesCutAtACharacter()
    {
        // 4095 ASCII bytes, then "é" (2 bytes) straddles the 4096-byte cut; a megabyte follows.
        var body = new string('a', 4095) + "é" + new string('b', 1024 * 1024);
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(500, body, ContentType: "text/plain; charset=utf-8"));

        var attempt = await DispatchOnceAsync();

        var excerpt = (string)attempt["responseExcerpt"]!;
        Assert.Equal(new string('a', 4095), excerpt);
        var error = (string)attempt["error"]!;
        Assert.StartsWith("HTTP 500: aaaa", error, StringComparison.Ordinal);
        Assert.Equal("HTTP 500: ".Length + 200, error.Length);
        Assert.EndsWith("…", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_TargetEchoesTheRequest_TokenAndJobSecretsRedacted()
    {
        string? token = null;
        _target.Reply = (request, _) =>
        {
            token = request.Header("Authorization")!["Bearer ".Length..];
            var key = request.Header("X-Api-Key");
            var echo = $"authorization: {request.Header("Authorization")}\nx-api-key: {key}\n" +
                $$$"""{"token":"{{{token}}}","note":"key was {{{key}}}"}""";
            return Task.FromResult(new TargetReply(401, echo, ContentType: "text/plain"));
        };

        var attempt = await DispatchOnceAsync(target: $$$"""
            {"uri":"{{{_target.Url("/echo")}}}","httpMethod":"POST","headers":{"X-Api-Key":"secret-api-key-123"},
             "oidcToken":{"serviceAccountEmail":"sync-invoker@test-project.iam.gserviceaccount.com"}}
            """);

        var excerpt = (string)attempt["responseExcerpt"]!;
        Assert.NotNull(token);
        Assert.DoesNotContain(token!, excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(token!.Split('.')[1], excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-api-key-123", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-api-key-123", (string)attempt["error"]!, StringComparison.Ordinal);
        Assert.Equal(
            "authorization: [REDACTED]\nx-api-key: [REDACTED]\n{\"token\":\"[REDACTED]\",\"note\":\"key was [REDACTED]\"}", excerpt);
    }

    [Fact]
    public async Task Dispatch_Success_KeepsNoExcerpt()
    {
        _target.Reply = (_, _) => Task.FromResult(new TargetReply(200, """{"status":"ok"}"""));

        var attempt = await DispatchOnceAsync();

        Assert.Equal(200, (int)attempt["statusCode"]!);
        Assert.Null(attempt["error"]);
        Assert.Null(attempt["responseExcerpt"]);
        Assert.Null(attempt["responseContentType"]);
    }

    private async Task<JsonNode> DispatchOnceAsync(string? target = null)
    {
        var (status, created) = await _api.CreateAsync(_api.Job("failing", _target.Url("/sync"), target: target));
        Assert.True(status == 200, created.ToJsonString());
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();
        var (_, list) = await _api.ExecutionsAsync("failing");
        var execution = list["executions"]![0]!;
        Assert.Equal(_target.Requests.Count, (int)execution["attemptCount"]!);
        return execution["attempts"]![0]!;
    }
}
