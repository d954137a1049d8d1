using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Keys;

public sealed class KeysCommandTests
{
    private const string NewKey = """
        {"kid":"kid-new","algorithm":"RS256","state":"CURRENT","createTime":"2027-01-01T00:30:00Z",
         "publicKey":{"kty":"RSA","use":"sig","alg":"RS256","kid":"kid-new","n":"xyz","e":"AQAB"}}
        """;

    [Fact]
    public async Task Rotate_PostsKeysRotateAndPrintsTheNewKey()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, NewKey);

        var run = await CliHarness.RunAsync(server, "keys", "rotate");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/keys:rotate", "{}"), (request.Method, request.Path, request.Body));
        Assert.Equal("""
            KID      STATE    CREATED               RETIRED  PUBLISHED_UNTIL
            kid-new  CURRENT  2027-01-01T00:30:00Z

            """, run.Out);
    }

    [Fact]
    public async Task Rotate_JsonFormat_PrintsTheServersAnswer()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, NewKey);

        var run = await CliHarness.RunAsync(server, "keys", "rotate", "--format=json");

        JsonAssert.Equal(NewKey, run.Out);
    }

    [Fact]
    public async Task List_GetsKeysAndPrintsATable()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """
            {"keys":[
              {"kid":"kid-new","algorithm":"RS256","state":"CURRENT","createTime":"2027-01-01T00:30:00Z"},
              {"kid":"kid-old","algorithm":"RS256","state":"RETIRED","createTime":"2027-01-01T00:00:00Z",
               "retireTime":"2027-01-01T00:30:00Z","publishUntil":"2027-01-01T01:35:00Z"}]}
            """);

        var run = await CliHarness.RunAsync(server, "keys", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("GET", "/v1/keys"), (Assert.Single(server.Requests).Method, server.Requests[0].Path));
        Assert.Equal("""
            KID      STATE    CREATED               RETIRED               PUBLISHED_UNTIL
            kid-new  CURRENT  2027-01-01T00:30:00Z
            kid-old  RETIRED  2027-01-01T00:00:00Z  2027-01-01T00:30:00Z  2027-01-01T01:35:00Z

            """, run.Out);
    }
}
