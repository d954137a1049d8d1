using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Auth;

public sealed class PrintIdentityTokenCommandTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    [Fact]
    public async Task PrintIdentityToken_Audiences_AsksGenerateIdTokenForTheDefaultAccountAndPrintsTheBareToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"token":"{{Token}}"}""");

        var run = await CliHarness.RunAsync(server, "auth", "print-identity-token", "--audiences=https://sync.example/sync");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((Token + "\n", ""), (run.Out, run.Error));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/projects/-/serviceAccounts/belfry-cli@belfry.local:generateIdToken"), (request.Method, request.Path));
        JsonAssert.Equal("""{"audience":"https://sync.example/sync","includeEmail":true}""", request.Body);
    }

    [Fact]
    public async Task PrintIdentityToken_Impersonate_NamesThatAccount()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"token":"{{Token}}"}""");

        var run = await CliHarness.RunAsync(server, "auth", "print-identity-token", "--audiences", "https://a.example",
            "--impersonate-service-account=scheduler@my-project.iam.gserviceaccount.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/projects/-/serviceAccounts/scheduler@my-project.iam.gserviceaccount.com:generateIdToken", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task PrintIdentityToken_NoAudiences_UsageError()
    {
        var run = await CliHarness.RunAsync(["auth", "print-identity-token"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--audiences", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task PrintIdentityToken_Unauthenticated_ReportsTheServerErrorOnStderr()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(401, """{"error":{"code":401,"message":"The bearer token is not the server's admin token.","status":"UNAUTHENTICATED"}}""");

        var run = await CliHarness.RunAsync(server, new Dictionary<string, string> { ["BELFRY_ADMIN_TOKEN"] = "wrong-token-value" },
            "auth", "print-identity-token", "--audiences=https://a.example");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("ERROR: (belfry.auth.print-identity-token) UNAUTHENTICATED: The bearer token is not the server's admin token.\n", run.Error);
        Assert.DoesNotContain("wrong-token-value", run.Error, StringComparison.Ordinal);
    }
}
