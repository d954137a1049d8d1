using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class ListJobsCommandTests
{
    [Fact]
    public async Task List_Default_PrintsGcloudTable()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"jobs":[{{SampleJobs.SyncDailyData}},{{SampleJobs.Report}}]}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/projects/default/locations/asia-northeast1/jobs"), (request.Method, request.Path));
        Assert.Equal("""
            ID               LOCATION         SCHEDULE (TZ)           TARGET_TYPE  STATE
            sync-daily-data  asia-northeast1  0 6 * * * (Asia/Tokyo)  HTTP         ENABLED
            weekly-report    asia-northeast1  0 9 * * MON (Etc/UTC)   HTTP         PAUSED

            """, run.Out);
    }

    [Fact]
    public async Task List_SeveralPages_FollowsNextPageToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Responder = request => request.Query.Contains("pageToken=p2", StringComparison.Ordinal)
            ? (200, $$"""{"jobs":[{{SampleJobs.Report}}]}""")
            : (200, $$"""{"jobs":[{{SampleJobs.SyncDailyData}}],"nextPageToken":"p2"}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list", "--format=json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["", "?pageToken=p2"], server.Requests.Select(r => r.Query));
        Assert.Contains("\"name\": \"projects/default/locations/asia-northeast1/jobs/weekly-report\"", run.Out);
        Assert.StartsWith("[\n  {\n    \"attemptDeadline\": \"180s\",", run.Out);
    }

    [Fact]
    public async Task List_Limit_AsksForSmallPagesAndStops()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"jobs":[{{SampleJobs.SyncDailyData}}],"nextPageToken":"more"}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list", "--limit=1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?pageSize=1", Assert.Single(server.Requests).Query);
        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task List_NoJobs_SaysListedZeroItems()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """{"jobs":[]}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("Listed 0 items.\n", run.Error);
    }

    [Fact]
    public async Task List_YamlFormat_SeparatesDocuments()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"jobs":[{{SampleJobs.Report}},{{SampleJobs.Report}}]}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list", "--format", "yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, run.Out.Split("\n---\n").Length - 1);
        Assert.StartsWith("httpTarget:\n  uri: http://127.0.0.1:9000/report\n", run.Out);
    }

    [Fact]
    public async Task List_ServerSendsUnknownFields_StillPrintsTable()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """
            {"jobs":[{"name":"projects/default/locations/local/jobs/a","schedule":"* * * * *","timeZone":"Etc/UTC",
              "httpTarget":{"uri":"http://x/","futureField":1},"state":"ENABLED","someNewThing":{"x":true}}],"extra":1}
            """);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("a   local     * * * * * (Etc/UTC)  HTTP         ENABLED", run.Out);
    }
}
