using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class ExecutionsCommandTests
{
    private const string Page = """
        {"executions":[
          {"name":"projects/default/locations/local/jobs/j1/executions/e2","scheduleTime":"2027-01-02T06:00:00Z",
           "trigger":"SCHEDULED","state":"SUCCEEDED","attemptCount":2,"epoch":1,"attempts":[
             {"number":1,"epoch":1,"startTime":"2027-01-02T06:00:00Z","duration":"0.5s","statusCode":503,"succeeded":false},
             {"number":2,"epoch":1,"startTime":"2027-01-02T06:00:10Z","duration":"0.012s","statusCode":200,"succeeded":true}]},
          {"name":"projects/default/locations/local/jobs/j1/executions/e1","scheduleTime":"2027-01-01T06:00:00Z",
           "trigger":"MANUAL","state":"PENDING","attemptCount":0,"epoch":0,"attempts":[]}]}
        """;

    [Fact]
    public async Task Executions_Default_GetsExecutionsAndPrintsAttemptRows()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Page);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "executions", "j1", "--page-size=50");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/projects/default/locations/local/jobs/j1/executions", "?pageSize=50"), (request.Method, request.Path, request.Query));
        Assert.Equal("""
            SCHEDULE_TIME         TRIGGER    STATE      ATTEMPT  START_TIME            HTTP_STATUS  DURATION  ERROR
            2027-01-02T06:00:00Z  SCHEDULED  SUCCEEDED  1        2027-01-02T06:00:00Z  503          0.5s
                                                        2        2027-01-02T06:00:10Z  200          0.012s
            2027-01-01T06:00:00Z  MANUAL     PENDING    -        -                     -            -

            """, run.Out);
    }

    [Fact]
    public async Task Executions_JsonFormat_PrintsArray()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Page);

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "executions", "j1", "--format=json");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("[\n  {\n    \"attemptCount\": 2,", run.Out);
    }
}
