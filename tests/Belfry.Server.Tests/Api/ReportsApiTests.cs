using System.Text.Json.Nodes;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// <c>GET …/jobs:report</c> and <c>GET …/executions:export</c> over the real SQLite store, whose executions are claimed
/// and recorded through the store with known outcomes; the clock is 2027-01-15 12:00 UTC, 21:00 in Tokyo.
/// </summary>
public sealed class ReportsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(start: Now);
    private ApiClient _api = null!;
    private readonly Dictionary<string, string> _ids = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("sync", "http://127.0.0.1:1/sync"))).Status);
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("other", "http://127.0.0.1:1/other", timeZone: "Etc/UTC"))).Status);

        // sync (Asia/Tokyo): 10 s success at Tokyo's midnight of the 14th (the 13th in UTC), 2.5 s HTTP 503, 1 s success.
        await RunAsync("first", "sync", new(2027, 1, 13, 15, 0, 0, TimeSpan.Zero), 10_000, true, 200, null);
        await RunAsync("second", "sync", new(2027, 1, 14, 6, 0, 0, TimeSpan.Zero), 2_500, false, 503, null);
        await RunAsync("third", "sync", new(2027, 1, 15, 1, 0, 0, TimeSpan.Zero), 1_000, true, 200, null);
        await RunAsync("fourth", "other", new(2027, 1, 14, 23, 30, 0, TimeSpan.Zero), 250, false, null, "refused, \"twice\"");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Report_OneDayInTokyo_TodayAndYesterdayThereWithEveryFigure()
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/jobs:report?days=1&timeZone=Asia/Tokyo");

        Assert.Equal(200, status);
        Assert.Equal(("Asia/Tokyo", 1, "2027-01-14", "2027-01-13T15:00:00Z"),
            ((string?)body["timeZone"], (int)body["days"]!, (string?)body["startDate"], (string?)body["startTime"]));
        var jobs = body["jobs"]!.AsArray();
        Assert.Equal([_api.JobName("other"), _api.JobName("sync")], jobs.Select(j => (string?)j!["job"]));
        var sync = jobs[1]!;
        Assert.Equal((3, 2, 66.7m), ((int)sync["runs"]!, (int)sync["successes"]!, (decimal)sync["successRate"]!));
        Assert.Equal(("4.5s", "10s"), ((string?)sync["averageDuration"], (string?)sync["p95Duration"]));
        Assert.Equal(("2027-01-14T06:00:02.5Z", "HTTP 503"), ((string?)sync["lastFailureTime"], (string?)sync["lastFailureMessage"]));
        var other = jobs[0]!;
        Assert.Equal((1, 0, 0m, "refused, \"twice\""), ((int)other["runs"]!, (int)other["successes"]!, (decimal)other["successRate"]!, (string?)other["lastFailureMessage"]));
    }

    [Fact]
    public async Task Report_DefaultZoneUtc_TheTokyoMidnightRunFallsOutside()
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/jobs:report?days=1");

        Assert.Equal(200, status);
        Assert.Equal(("UTC", "2027-01-14", "2027-01-14T00:00:00Z"), ((string?)body["timeZone"], (string?)body["startDate"], (string?)body["startTime"]));
        var sync = body["jobs"]!.AsArray().Single(j => (string?)j!["job"] == _api.JobName("sync"))!;
        Assert.Equal((2, 1, 50m, "1.75s", "2.5s"),
            ((int)sync["runs"]!, (int)sync["successes"]!, (decimal)sync["successRate"]!, (string?)sync["averageDuration"], (string?)sync["p95Duration"]));

        // Seven days (the default) reach back to the 8th: every run.
        var (_, week) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/jobs:report");
        Assert.Equal((7, "2027-01-08"), ((int)week["days"]!, (string?)week["startDate"]));
        Assert.Equal(3, (int)week["jobs"]!.AsArray().Single(j => (string?)j!["job"] == _api.JobName("sync"))!["runs"]!);
    }

    [Theory]
    [InlineData("days=-1", "days:")]
    [InlineData("days=seven", "days:")]
    [InlineData("days=367", "days:")]
    [InlineData("timeZone=Mars/Olympus_Mons", "timeZone: unknown time zone")]
    [InlineData("timeZone=Tokyo%20Standard%20Time", "is not an IANA time zone id")]
    public async Task Report_BadDaysOrZone_InvalidArgumentInCloudSchedulersShape(string query, string message)
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/jobs:report?" + query);

        Assert.Equal(400, status);
        Assert.Equal((400, "INVALID_ARGUMENT"), ((int)body["error"]!["code"]!, (string?)body["error"]!["status"]));
        Assert.Contains(message, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Ndjson_OneObjectPerLineInTheArticlesColumnsByFinishTime()
    {
        var (status, type, text) = await ExportAsync("since=2027-01-13T00:00:00Z");

        Assert.Equal(200, status);
        Assert.Equal("application/x-ndjson; charset=utf-8", type);
        Assert.Equal(
        [
            Row("first", "sync", "2027-01-14", "success", "2027-01-13T15:00:00.000000Z", "2027-01-13T15:00:10.000000Z", "10", "null"),
            Row("second", "sync", "2027-01-14", "failed", "2027-01-14T06:00:00.000000Z", "2027-01-14T06:00:02.500000Z", "2.5", "\"HTTP 503\""),
            Row("fourth", "other", "2027-01-14", "failed", "2027-01-14T23:30:00.000000Z", "2027-01-14T23:30:00.250000Z", "0.25", "\"refused, \\\"twice\\\"\""),
            Row("third", "sync", "2027-01-15", "success", "2027-01-15T01:00:00.000000Z", "2027-01-15T01:00:01.000000Z", "1", "null"),
        ], text.Split('\n')[..^1]);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n')[..^1], line => JsonNode.Parse(line));
    }

    [Fact]
    public async Task Export_CsvWithUntil_HeaderThenQuotedRowsBeforeUntil()
    {
        var (status, type, text) = await ExportAsync("since=2027-01-14&until=2027-01-15T00:00:00Z&format=csv");

        Assert.Equal(200, status);
        Assert.Equal("text/csv; charset=utf-8", type);
        Assert.Equal(
            "execution_id,job,job_name,run_date,status,started_at,finished_at,duration,error_msg\r\n" +
            $"{_ids["second"]},{_api.JobName("sync")},sync,2027-01-14,failed,2027-01-14T06:00:00.000000Z,2027-01-14T06:00:02.500000Z,2.5,HTTP 503\r\n" +
            $"{_ids["fourth"]},{_api.JobName("other")},other,2027-01-14,failed,2027-01-14T23:30:00.000000Z,2027-01-14T23:30:00.250000Z,0.25,\"refused, \"\"twice\"\"\"\r\n",
            text);
    }

    [Theory]
    [InlineData("", "since: required")]
    [InlineData("since=yesterday", "since: \"yesterday\" is not a timestamp")]
    [InlineData("since=2027-01-14T00:00:00Z&until=2027-01-13T00:00:00Z", "until: 2027-01-13T00:00:00Z is before since")]
    [InlineData("since=2027-01-14T00:00:00Z&format=parquet", "format: \"parquet\" is not an export format")]
    public async Task Export_BadSinceUntilOrFormat_InvalidArgumentBeforeAnyRow(string query, string message)
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/executions:export?" + query);

        Assert.Equal((400, "INVALID_ARGUMENT"), (status, (string?)body["error"]!["status"]));
        Assert.Contains(message, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    private string Row(string key, string job, string runDate, string status, string started, string finished, string duration, string error) =>
        $$"""{"execution_id":"{{_ids[key]}}","job":"{{_api.JobName(job)}}","job_name":"{{job}}","run_date":"{{runDate}}","status":"{{status}}","started_at":"{{started}}","finished_at":"{{finished}}","duration":{{duration}},"error_msg":{{error}}}""";

    private async Task<(int Status, string? ContentType, string Text)> ExportAsync(string query)
    {
        using var response = await _server.CreateClient().GetAsync(new Uri($"/v1/{_api.Parent}/executions:export?{query}", UriKind.Relative), Ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A manual execution of <paramref name="job"/> at <paramref name="scheduled"/>, one attempt from then, finished <paramref name="milliseconds"/> later.</summary>
    private async Task RunAsync(string key, string job, DateTimeOffset scheduled, int milliseconds, bool succeeded, int? statusCode, string? error)
    {
        var name = new JobName("test-project", "asia-northeast1", job);
        var execution = await _server.Services.GetRequiredService<IJobStore>().CreateManualExecutionAsync(name, scheduled, Ct);
        var queue = _server.Services.GetRequiredService<IDispatchQueue>();
        var claim = Assert.Single(await queue.ClaimDueAttemptsAsync(scheduled, 10, TimeSpan.FromMinutes(1), Ct));
        var finish = scheduled.AddMilliseconds(milliseconds);
        Assert.True(await queue.RecordAttemptAsync(new AttemptResult(claim.Execution.Id, name, 1, claim.Epoch, scheduled, finish - scheduled,
            statusCode, error, succeeded, null, succeeded ? new JobStatus(0, "") : new JobStatus(14, "failed"), finish), Ct));
        _ids[key] = execution.Id;
        Assert.Equal(ExecutionState.Pending, execution.State);
    }
}
