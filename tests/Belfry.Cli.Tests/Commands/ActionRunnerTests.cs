using System.Net;
using System.Net.Sockets;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Commands;

public sealed class ActionRunnerTests
{
    [Fact]
    public async Task ErrorEnvelope_IsPrintedGcloudStyleWithExitOne()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(400, """{"error":{"code":400,"message":"schedule: field 1 (minute) \"61\" is out of range","status":"INVALID_ARGUMENT"}}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "create", "http", "j1", "--schedule=61 * * * *", "--uri=http://x/");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: (belfry.scheduler.jobs.create.http) INVALID_ARGUMENT: --schedule: field 1 (minute) \"61\" is out of range (schedule)\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task NotFound_NamesStatus()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(404, """{"error":{"code":404,"message":"Job not found.","status":"NOT_FOUND"}}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "describe", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: (belfry.scheduler.jobs.describe) NOT_FOUND: Job not found.\n", run.Error);
    }

    [Fact]
    public async Task ErrorWithoutEnvelope_FallsBackToStatusName()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(503, "upstream down");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: (belfry.scheduler.jobs.list) UNAVAILABLE: upstream down\n", run.Error);
    }

    [Fact]
    public async Task ConnectionRefused_NamesEndpointAndSuggestsServe()
    {
        var endpoint = $"http://127.0.0.1:{UnusedPort()}";

        var run = await CliHarness.RunAsync(["scheduler", "jobs", "list", $"--endpoint={endpoint}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"ERROR: (belfry.scheduler.jobs.list) Could not reach the Belfry server at {endpoint}: connection refused.", run.Error);
        Assert.Contains("belfry serve", run.Error);
        Assert.Contains("--endpoint", run.Error);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
