using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Reports;

/// <summary><c>belfry executions export</c>: the request, the body copied to stdout as it is, and refusals.</summary>
public sealed class ExecutionsExportCommandTests
{
    [Fact]
    public async Task Export_SinceUntilCsv_AsksTheServerAndCopiesItsAnswerUnchanged()
    {
        await using var server = await RecordingServer.StartAsync();
        const string body = "execution_id,job\r\nabc,\"x, y\"\r\nünïcode,✓\r\n";
        server.AnswerAlways(200, body);

        var run = await CliHarness.RunAsync(server, "executions", "export", "--since=2027-01-14T00:00:00+09:00", "--until=2027-01-15", "--format=csv",
            "--location=asia-northeast1");

        Assert.Equal((0, "", body), (run.ExitCode, run.Error, run.Out));
        Assert.Equal(("GET", "/v1/projects/default/locations/asia-northeast1/executions:export", "?since=2027-01-14T00:00:00+09:00&format=csv&until=2027-01-15"),
            (Assert.Single(server.Requests).Method, server.Requests[0].Path, server.Requests[0].Query));
    }

    [Fact]
    public async Task Export_NoFormat_AsksForNdjson()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, "{\"execution_id\":\"a\"}\n");

        var run = await CliHarness.RunAsync(server, "executions", "export", "--since=2027-01-14");

        Assert.Equal((0, "{\"execution_id\":\"a\"}\n"), (run.ExitCode, run.Out));
        Assert.Equal(("/v1/projects/default/locations/local/executions:export", "?since=2027-01-14&format=ndjson"), (Assert.Single(server.Requests).Path, server.Requests[0].Query));
    }

    [Fact]
    public async Task Export_WithoutSince_UsageErrorWithoutARequest()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "executions", "export");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--since", run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Export_ServerRefuses_ItsMessageAndNothingOnStdout()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(400, """{"error":{"code":400,"message":"since: \"soon\" is not a timestamp","status":"INVALID_ARGUMENT"}}""");

        var run = await CliHarness.RunAsync(server, "executions", "export", "--since=soon");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("ERROR: (belfry.executions.export) INVALID_ARGUMENT: since: \"soon\" is not a timestamp\n", run.Error);
    }
}
