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
    public async Task Executions_Default_GetsExecutionsThenTheJobsZoneAndPrintsAttemptRows()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Responder = request => request.Path.EndsWith("/executions", StringComparison.Ordinal)
            ? (200, Page)
            : (200, """{"name":"projects/default/locations/local/jobs/j1","timeZone":"Asia/Tokyo"}""");

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "executions", "j1", "--page-size=50");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [("GET", "/v1/projects/default/locations/local/jobs/j1/executions", "?pageSize=50"), ("GET", "/v1/projects/default/locations/local/jobs/j1", "")],
            server.Requests.Select(r => (r.Method, r.Path, r.Query)));
        Assert.Equal("""
            SCHEDULE_TIME              TRIGGER    STATE      ATTEMPT  START_TIME                 HTTP_STATUS  DURATION  ERROR
            2027-01-02T15:00:00+09:00  SCHEDULED  SUCCEEDED  1        2027-01-02T15:00:00+09:00  503          500ms
                                                             2        2027-01-02T15:00:10+09:00  200          12ms
            2027-01-01T15:00:00+09:00  MANUAL     PENDING    -        -                          -            -

            """, run.Out);
    }

    [Theory]
    [InlineData(0.0004, "0ms")]
    [InlineData(0.085, "85ms")]
    [InlineData(0.9994, "999ms")]
    [InlineData(0.9996, "1.0s")]
    [InlineData(1.234, "1.2s")]
    [InlineData(59.94, "59.9s")]
    [InlineData(185, "3m05s")]
    public void ShortDuration_Seconds_ReadsAsMillisecondsSecondsOrMinutes(double seconds, string expected) =>
        Assert.Equal(expected, Belfry.Cli.Output.ExecutionTable.ShortDuration(TimeSpan.FromSeconds(seconds)));

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
