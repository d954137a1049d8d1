using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Channels;

public sealed class ChannelsCommandTests
{
    private const string Ops = """
        {"name":"projects/default/locations/asia-northeast1/channels/ops","type":"DISCORD","webhookUrl":"env:DISCORD_WEBHOOK_URL",
         "webhookUrlSet":true,"secretSet":false,"createTime":"2027-01-01T00:00:00Z","updateTime":"2027-01-01T00:00:00Z"}
        """;

    [Fact]
    public async Task CreateDiscord_IssueCommand_PostsTheReferenceAndPrintsTheChannel()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Ops);

        var run = await CliHarness.RunAsync(server,
            "channels", "create", "discord", "ops", "--webhook-url-env=DISCORD_WEBHOOK_URL", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/projects/default/locations/asia-northeast1/channels"), (request.Method, request.Path));
        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/channels/ops","type":"DISCORD","webhookUrl":"env:DISCORD_WEBHOOK_URL"}
            """, request.Body);
        Assert.Contains("webhookUrl: env:DISCORD_WEBHOOK_URL\n", run.Out);
    }

    [Fact]
    public async Task CreateWebhook_FileReferencesMadeAbsolute()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Ops);

        await CliHarness.RunAsync(server, "channels", "create", "webhook", "hook", "--webhook-url-file=hook.url", "--secret-env=HOOK_SECRET");

        JsonAssert.Equal($$"""
            {"name":"projects/default/locations/local/channels/hook","type":"WEBHOOK","webhookUrl":"file:{{Path.GetFullPath("hook.url")}}",
             "secret":"env:HOOK_SECRET"}
            """, Assert.Single(server.Requests).Body);
    }

    [Theory]
    [InlineData("--display-name=x")]
    [InlineData("--webhook-url-env=A", "--webhook-url=https://x")]
    public async Task Create_NotExactlyOneUrlFlag_UsageError(params string[] flags)
    {
        var run = await CliHarness.RunAsync(["channels", "create", "slack", "team", .. flags]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Exactly one of --webhook-url-env | --webhook-url-file | --webhook-url must be specified.", run.Error);
    }

    [Fact]
    public async Task CreateDiscord_SecretFlag_Unknown()
    {
        var run = await CliHarness.RunAsync(["channels", "create", "discord", "ops", "--webhook-url-env=A", "--secret-env=B"]);

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task List_TableShowsReferencesOrStored()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""
            {"channels":[{{Ops}},
              {"name":"projects/default/locations/asia-northeast1/channels/hook","type":"WEBHOOK","webhookUrlSet":true,"secretSet":true}]}
            """);

        var run = await CliHarness.RunAsync(server, "channels", "list", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("GET", "/v1/projects/default/locations/asia-northeast1/channels"), (server.Requests[0].Method, server.Requests[0].Path));
        Assert.Equal("""
            ID    LOCATION         TYPE     WEBHOOK_URL              SIGNED
            ops   asia-northeast1  DISCORD  env:DISCORD_WEBHOOK_URL  no
            hook  asia-northeast1  WEBHOOK  (stored)                 yes (stored)

            """, run.Out);
    }

    [Fact]
    public async Task Test_Delivered_SaysSoAndExitsZero()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """{"delivered":true,"statusCode":204,"eventId":"e1"}""");

        var run = await CliHarness.RunAsync(server, "channels", "test", "ops");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("POST", "/v1/projects/default/locations/local/channels/ops:test", "{}"), (server.Requests[0].Method, server.Requests[0].Path, server.Requests[0].Body));
        Assert.Equal("Sent a test message to channel [ops]: HTTP 204.\n", run.Out);
    }

    [Fact]
    public async Task Test_NotDelivered_ErrorAndExitOne()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """{"delivered":false,"statusCode":404,"error":"The receiver answered HTTP 404.","eventId":"e1"}""");

        var run = await CliHarness.RunAsync(server, "channels", "test", "ops");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: (belfry.channels.test) Channel [ops] did not accept the test message: The receiver answered HTTP 404.\n", run.Error);
    }

    [Fact]
    public async Task DescribeAndDelete()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Ops);

        var describe = await CliHarness.RunAsync(server, "channels", "describe", "projects/p/locations/l/channels/ops", "--format=json");
        var delete = await CliHarness.RunAsync(server, "channels", "delete", "ops", "--quiet");

        JsonAssert.Equal(Ops, describe.Out);
        Assert.Equal("Deleted channel [ops].\n", delete.Error);
        Assert.Equal(["GET /v1/projects/p/locations/l/channels/ops", "DELETE /v1/projects/default/locations/local/channels/ops"],
            server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }
}
