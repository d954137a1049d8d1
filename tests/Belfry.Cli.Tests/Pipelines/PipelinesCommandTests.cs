using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Pipelines;

/// <summary>The HTTP shape and the messages of <c>belfry pipelines …</c>, pinned before the commands moved to shared builders.</summary>
public sealed class PipelinesCommandTests
{
    private const string Pipeline = """
        {"name":"projects/default/locations/local/pipelines/daily","schedule":"0 6 * * *","timeZone":"Asia/Tokyo",
         "steps":[{"id":"step1"},{"id":"step2"}],"state":"ENABLED"}
        """;

    private const string Run = """
        {"name":"projects/default/locations/local/pipelines/daily/runs/r1","scheduleTime":"2027-01-01T06:00:00+09:00","trigger":"SCHEDULE",
         "state":"RUNNING","steps":[{"id":"step1","state":"SUCCEEDED"},{"id":"step2","state":"RUNNING"}]}
        """;

    [Theory]
    [InlineData("GET", "/v1/projects/default/locations/local/pipelines/daily", "", "describe", "daily")]
    [InlineData("POST", "/v1/projects/default/locations/local/pipelines/daily:pause", "{}", "pause", "daily")]
    [InlineData("POST", "/v1/projects/default/locations/local/pipelines/daily:resume", "{}", "resume", "daily")]
    [InlineData("POST", "/v1/projects/default/locations/local/pipelines/daily:run", "{}", "run", "daily")]
    [InlineData("DELETE", "/v1/projects/default/locations/local/pipelines/daily", "", "delete", "daily", "--quiet")]
    [InlineData("GET", "/v1/projects/default/locations/local/pipelines/daily/runs/r1", "", "runs", "describe", "daily", "r1")]
    [InlineData("POST", "/v1/projects/default/locations/local/pipelines/daily/runs/r1:resume", "{}", "runs", "resume", "daily", "r1")]
    [InlineData("POST", "/v1/projects/default/locations/local/pipelines/daily/runs/r1:cancel", "{}", "runs", "cancel", "daily", "r1")]
    [InlineData("GET", "/v1/projects/default/locations/local/pipelines/daily/runs/a%2Fb", "", "runs", "describe", "daily", "a/b")]
    [InlineData("GET", "/v1/projects/default/locations/local/pipelines/daily/steps/merge/executions", "", "steps", "executions", "daily", "merge")]
    public async Task Command_EachVerb_CallsItsPath(string method, string path, string body, params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, ["pipelines", .. args]);

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal((method, path, "", body), (request.Method, request.Path, request.Query, request.Body));
    }

    [Fact]
    public async Task Create_Flags_PostsThePipeline()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Pipeline);

        var run = await CliHarness.RunAsync(server, "pipelines", "create", "daily", "--location=asia-northeast1", "--schedule=0 6 * * *",
            "--time-zone=Asia/Tokyo", "--step=step1,uri=https://t.example/1", "--notify-on-failure=ops,team", "--overlap-policy=skip");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/projects/default/locations/asia-northeast1/pipelines"), (request.Method, request.Path));
        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/pipelines/daily","schedule":"0 6 * * *","timeZone":"Asia/Tokyo",
             "steps":[{"id":"step1","httpTarget":{"uri":"https://t.example/1"}}],
             "belfry":{"notifyOnFailure":["ops","team"],"overlapPolicy":"SKIP"}}
            """, request.Body);
        Assert.Contains("schedule: 0 6 * * *\n", run.Out);
    }

    [Fact]
    public async Task List_Paging_FollowsTokensAndPrintsTable()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Responder = request => request.Query.Contains("pageToken=next", StringComparison.Ordinal)
            ? (200, $$"""{"pipelines":[{{Pipeline}}]}""")
            : (200, $$"""{"pipelines":[{{Pipeline}}],"nextPageToken":"next"}""");

        var run = await CliHarness.RunAsync(server, "pipelines", "list", "--page-size=1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [("/v1/projects/default/locations/local/pipelines", "?pageSize=1"), ("/v1/projects/default/locations/local/pipelines", "?pageSize=1&pageToken=next")],
            server.Requests.Select(r => (r.Path, r.Query)));
        Assert.Equal("""
            ID     LOCATION  SCHEDULE (TZ)           STEPS        STATE
            daily  local     0 6 * * * (Asia/Tokyo)  step1 step2  ENABLED
            daily  local     0 6 * * * (Asia/Tokyo)  step1 step2  ENABLED

            """, run.Out);
    }

    [Fact]
    public async Task RunsList_Limit_AsksForThatPageAndPrintsRuns()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"runs":[{{Run}}]}""");

        var run = await CliHarness.RunAsync(server, "pipelines", "runs", "list", "daily", "--limit=1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/projects/default/locations/local/pipelines/daily/runs", "?pageSize=1"), (request.Method, request.Path, request.Query));
        Assert.Equal("""
            RUN_ID  SCHEDULE_TIME              TRIGGER   STATE    STEPS
            r1      2027-01-01T06:00:00+09:00  SCHEDULE  RUNNING  step1=SUCCEEDED step2=RUNNING

            """, run.Out);
    }

    [Fact]
    public async Task List_Empty_SaysListedZeroItems()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "pipelines", "list");

        Assert.Equal((0, "", "Listed 0 items.\n"), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public async Task Run_Default_PrintsTheRunAsYaml()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Run);

        var run = await CliHarness.RunAsync(server, "pipelines", "run", "daily");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("name: projects/default/locations/local/pipelines/daily/runs/r1\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Quiet_SaysDeleted()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "pipelines", "delete", "daily", "--quiet");

        Assert.Equal((0, "Deleted pipeline [daily].\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public async Task Delete_TerminalAnswersNo_AbortsWithoutCalling()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(["pipelines", "delete", "daily"], new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint },
            terminal: true, input: "n\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("You are about to delete pipeline [daily].\nDo you want to continue (Y/n)?  ERROR: (belfry.pipelines.delete) Aborted by user.\n", run.Error);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("describe", "bad.id")]
    [InlineData("delete", "bad.id", "--quiet")]
    [InlineData("run", "projects/default/locations/local/pipelines/daily")]
    [InlineData("runs", "list", "bad.id")]
    [InlineData("runs", "describe", "bad.id", "r1")]
    public async Task Command_InvalidId_UsageErrorWithoutCalling(params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, ["pipelines", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"argument PIPELINE: invalid pipeline ID \"{args.First(a => a.Contains('.', StringComparison.Ordinal) || a.Contains('/', StringComparison.Ordinal))}\"; " +
            "IDs have letters, digits, hyphens and underscores only\n", run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_RealServerStepUriWithQuotedAndEscapedCommas_StoredWhole()
    {
        await using var server = await LiveServer.StartAsync();
        var variables = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint };

        var created = await CliHarness.RunAsync(
            ["pipelines", "create", "commas", "--schedule=0 6 * * *",
             "--step=fetch,uri=\"http://127.0.0.1:9/fetch?ids=1,2,3\",retry-count=2",
             "--step=merge,uri=http://127.0.0.1:9/merge?cols=a\\,b,depends-on=fetch"], variables);
        var described = await CliHarness.RunAsync(["pipelines", "describe", "commas", "--format=json"], variables);

        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Contains("\"uri\": \"http://127.0.0.1:9/fetch?ids=1,2,3\"", described.Out, StringComparison.Ordinal);
        Assert.Contains("\"uri\": \"http://127.0.0.1:9/merge?cols=a,b\"", described.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StepUriCutByAPlainComma_UsageErrorPointingToFromFile()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "pipelines", "create", "daily", "--schedule=0 6 * * *", "--step=fetch,uri=http://t.example/?ids=1,2");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(server.Requests);
        Assert.Equal("ERROR: (belfry.pipelines.create) argument --step: \"2\" is not KEY=VALUE (step fetch); a comma inside a value must be " +
            "quoted (uri=\"…,…\") or escaped (\\,); or give the pipeline as JSON with --from-file.\n", run.Error);
    }
}
