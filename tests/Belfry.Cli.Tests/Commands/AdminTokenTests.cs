using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Commands;

/// <summary>The admin token travels as <c>Authorization: Bearer</c> on every server call, and is never printed.</summary>
public sealed class AdminTokenTests
{
    [Theory]
    [InlineData("scheduler", "jobs", "list")]
    [InlineData("keys", "rotate")]
    [InlineData("keys", "list")]
    [InlineData("auth", "print-identity-token", "--audiences=https://a.example")]
    public async Task Command_BelfryAdminTokenSet_SentAsBearer(params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """{"token":"t"}""");

        var run = await CliHarness.RunAsync(server, new Dictionary<string, string> { ["BELFRY_ADMIN_TOKEN"] = "tok-from-env" }, args);

        Assert.Equal(0, run.ExitCode);
        // Every call: an empty jobs list also asks where jobs are (the other-locations hint).
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Equal("Bearer tok-from-env", r.Authorization));
        Assert.DoesNotContain("tok-from-env", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_NoToken_SendsNoAuthorization()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, "{}");

        await CliHarness.RunAsync(server, "scheduler", "jobs", "list");

        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Command_AdminTokenFile_WinsOverTheVariableAndIsTrimmed()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, "{}");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "tok-from-file\n", TestContext.Current.CancellationToken);
        try
        {
            var run = await CliHarness.RunAsync(server, new Dictionary<string, string> { ["BELFRY_ADMIN_TOKEN"] = "tok-from-env" },
                "scheduler", "jobs", "list", "--admin-token-file", file);

            Assert.Equal(0, run.ExitCode);
            Assert.NotEmpty(server.Requests);
            Assert.All(server.Requests, r => Assert.Equal("Bearer tok-from-file", r.Authorization));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Command_UnreadableAdminTokenFile_UsageErrorAndNoRequest()
    {
        await using var server = await RecordingServer.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var run = await CliHarness.RunAsync(server, "keys", "list", "--admin-token-file=" + missing);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERROR: (belfry.keys.list) argument --admin-token-file: cannot read", run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
