using System.Text.Json.Nodes;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Reports;

/// <summary><c>belfry report</c>: the request it makes and its three formats, against a recording server.</summary>
public sealed class ReportCommandTests
{
    private const string Answer = """
        {"timeZone":"Asia/Tokyo","days":7,"startDate":"2027-01-08","startTime":"2027-01-07T15:00:00Z","jobs":[
          {"job":"projects/default/locations/local/jobs/daily-sync","runs":6,"successes":4,"successRate":66.7,
           "averageDuration":"18.0833333s","p95Duration":"61.5s","lastFailureTime":"2027-01-14T06:00:02.5Z","lastFailureMessage":"refused, \"twice\""},
          {"job":"projects/default/locations/local/jobs/hourly","runs":40,"successes":40,"successRate":100,
           "averageDuration":"20.5s","p95Duration":"38s"}]}
        """;

    [Fact]
    public async Task Report_TableByDefault_TheArticlesColumnsAndTheWindowOnStderr()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Answer);

        var run = await CliHarness.RunAsync(server, "report", "--days=7", "--time-zone=Asia/Tokyo");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("GET", "/v1/projects/default/locations/local/jobs:report", "?days=7&timeZone=Asia/Tokyo"),
            (Assert.Single(server.Requests).Method, server.Requests[0].Path, server.Requests[0].Query));
        Assert.Equal("""
            JOB_NAME    TOTAL_RUNS  SUCCESS_COUNT  SUCCESS_RATE_PCT  AVG_DURATION_SEC  P95_DURATION_SEC  LAST_FAILURE_TIME       LAST_FAILURE
            daily-sync  6           4              66.7              18.0833333        61.5              2027-01-14T06:00:02.5Z  refused, "twice"
            hourly      40          40             100.0             20.5              38

            """, run.Out);
        Assert.Equal("Runs scheduled from 2027-01-08 (Asia/Tokyo, 2027-01-07T15:00:00Z) on.\n", run.Error);
    }

    [Fact]
    public async Task Report_Csv_HeaderRowThenRfc4180Rows()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Answer);

        var run = await CliHarness.RunAsync(server, "report", "--format=csv", "--location=asia-northeast1");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(("/v1/projects/default/locations/asia-northeast1/jobs:report", ""), (Assert.Single(server.Requests).Path, server.Requests[0].Query));
        Assert.Equal(
            "job_name,total_runs,success_count,success_rate_pct,avg_duration_sec,p95_duration_sec,last_failure_time,last_failure\r\n" +
            "daily-sync,6,4,66.7,18.0833333,61.5,2027-01-14T06:00:02.5Z,\"refused, \"\"twice\"\"\"\r\n" +
            "hourly,40,40,100.0,20.5,38,,\r\n",
            run.Out);
    }

    [Fact]
    public async Task Report_Json_TheServersAnswer()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, Answer);

        var run = await CliHarness.RunAsync(server, "report", "--format=json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Answer), JsonNode.Parse(run.Out)), run.Out);
    }

    [Fact]
    public async Task Report_ServerRefusesTheZone_ItsMessageAndExitOne()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(400, """{"error":{"code":400,"message":"timeZone: unknown time zone \"Mars/Olympus\"","status":"INVALID_ARGUMENT"}}""");

        var run = await CliHarness.RunAsync(server, "report", "--time-zone=Mars/Olympus");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("ERROR: (belfry.report) INVALID_ARGUMENT: timeZone: unknown time zone \"Mars/Olympus\"\n", run.Error);
    }

    [Theory]
    [InlineData("--format=yaml", "argument --format: invalid choice \"yaml\"; expected one of table, json, csv")]
    [InlineData("--days=-1", "argument --days: invalid value \"-1\"; expected a non-negative integer")]
    public async Task Report_BadFlag_UsageErrorWithoutARequest(string flag, string message)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "report", flag);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
