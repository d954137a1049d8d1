using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class JobActionCommandTests
{
    [Fact]
    public async Task Run_ArticleCommand_PostsRunAndPrintsNothing()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "run", "sync-daily-data", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("", ""), (run.Out, run.Error));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data:run", "{}"), (request.Method, request.Path, request.Body));
    }

    [Fact]
    public async Task Run_WithFormat_PrintsJob()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.Report);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "run", "weekly-report", "--format=table");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("weekly-report  asia-northeast1  0 9 * * MON (Etc/UTC)  HTTP         PAUSED", run.Out);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task PauseResume_PostsActionAndPrintsYaml(string action)
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.Report);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", action, "weekly-report");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", $"/v1/projects/default/locations/local/jobs/weekly-report:{action}"), (request.Method, request.Path));
        Assert.Contains("state: PAUSED\n", run.Out);
    }

    [Fact]
    public async Task Describe_ArticleCommand_GetsJobAndPrintsYaml()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "describe", "sync-daily-data", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data"), (request.Method, request.Path));
        Assert.Contains("name: projects/default/locations/asia-northeast1/jobs/sync-daily-data\n", run.Out);
    }

    [Fact]
    public async Task Describe_JsonFormat_PrintsServerJsonWithSortedKeys()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """{"name":"projects/default/locations/local/jobs/a","state":"ENABLED","belfry":{"overlapPolicy":"SKIP"}}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "describe", "a", "--format=json");

        Assert.Equal("""
            {
              "belfry": {
                "overlapPolicy": "SKIP"
              },
              "name": "projects/default/locations/local/jobs/a",
              "state": "ENABLED"
            }

            """, run.Out);
    }
}
