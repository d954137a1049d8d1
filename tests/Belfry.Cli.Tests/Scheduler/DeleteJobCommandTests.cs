using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class DeleteJobCommandTests
{
    [Fact]
    public async Task Delete_InputNotATerminal_DeletesWithoutPrompt()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "delete", "sync-daily-data", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Deleted job [sync-daily-data].\n", run.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("DELETE", "/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data"), (request.Method, request.Path));
    }

    [Theory]
    [InlineData("y\n")]
    [InlineData("\n")]
    [InlineData("maybe\nyes\n")]
    public async Task Delete_TerminalConfirms_Deletes(string answer)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await RunOnTerminalAsync(server, answer, "scheduler", "jobs", "delete", "j1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("You are about to delete job [j1].\nDo you want to continue (Y/n)?  ", run.Error);
        Assert.EndsWith("Deleted job [j1].\n", run.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Delete_TerminalDeclines_AbortsWithoutRequest()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await RunOnTerminalAsync(server, "n\n", "scheduler", "jobs", "delete", "j1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ERROR: (belfry.scheduler.jobs.delete) Aborted by user.", run.Error);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("--quiet")]
    [InlineData("-q")]
    public async Task Delete_QuietOnTerminal_SkipsPrompt(string quiet)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await RunOnTerminalAsync(server, "", "scheduler", "jobs", "delete", "j1", quiet);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Deleted job [j1].\n", run.Error);
    }

    private static Task<CliRun> RunOnTerminalAsync(RecordingServer server, string input, params string[] args) =>
        CliHarness.RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint }, terminal: true, input: input);
}
