using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Alerts;

public sealed class AlertPoliciesCommandTests
{
    private const string Policy = """
        {"name":"projects/default/locations/asia-northeast1/alertPolicies/scheduler-failures","failures":1,"window":"300s",
         "rateLimit":"300s","channels":["projects/default/locations/asia-northeast1/channels/ops"],"enabled":true,"state":"OK"}
        """;

    [Fact]
    public async Task Create_IssueCommand_PostsThePolicy()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Policy);

        var run = await CliHarness.RunAsync(server,
            "alert-policies", "create", "scheduler-failures", "--failures=1", "--window=5m", "--rate-limit=5m", "--channel=ops", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/projects/default/locations/asia-northeast1/alertPolicies"), (request.Method, request.Path));
        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/alertPolicies/scheduler-failures","failures":1,"window":"300s",
             "rateLimit":"300s","channels":["ops"]}
            """, request.Body);
        Assert.Contains("state: OK\n", run.Out);
    }

    [Fact]
    public async Task Create_SeveralChannelsAndJobs()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Policy);

        await CliHarness.RunAsync(server, "alert-policies", "create", "p", "--channel=ops,team", "--channel=pager", "--jobs=sync-*,report", "--disabled");

        JsonAssert.Equal("""
            {"name":"projects/default/locations/local/alertPolicies/p","channels":["ops","team","pager"],"jobs":["sync-*","report"],"enabled":false}
            """, Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Create_WithoutChannel_UsageError()
    {
        var run = await CliHarness.RunAsync(["alert-policies", "create", "p", "--failures=2"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--channel", run.Error);
    }

    [Fact]
    public async Task List_Table()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, $$"""{"alertPolicies":[{{Policy}}]}""");

        var run = await CliHarness.RunAsync(server, "alert-policies", "list", "--location=asia-northeast1");

        Assert.Equal("""
            ID                  LOCATION         FAILURES  WINDOW  RATE_LIMIT  CHANNELS  JOBS   STATE
            scheduler-failures  asia-northeast1  1         300s    300s        ops       (all)  OK

            """, run.Out);
    }

    [Fact]
    public async Task Delete_Quiet()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "alert-policies", "delete", "p", "--quiet");

        Assert.Equal((0, "Deleted alert policy [p].\n"), (run.ExitCode, run.Error));
        Assert.Equal("DELETE /v1/projects/default/locations/local/alertPolicies/p", $"{server.Requests[0].Method} {server.Requests[0].Path}");
    }
}
