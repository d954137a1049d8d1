using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// Issue 3 end to end: the real scheduler and the real sample service as processes. The article's job with OIDC,
/// created through the CLI, fires on its schedule and again through <c>run</c>; the sample does the work once.
/// </summary>
public sealed class SyncServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private ServerProcess _server = null!;
    private SampleProcess _sample = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ServerProcess.StartReadyAsync(Path.Combine(_root, "server"));
        _sample = await SampleProcess.StartReadyAsync(_server.Endpoint, Path.Combine(_root, "sample"));
    }

    public async ValueTask DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ArticleJobWithOidc_FiresThenRunsAgain_WorkDoneOnceAndForeignAudienceRefused()
    {
        // The scheduled fire and the manual run must share a Tokyo date (the run key): keep clear of Tokyo midnight.
        var tokyoNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Tokyo);
        var untilMidnight = tokyoNow.Date.AddDays(1) - tokyoNow.DateTime;
        if (untilMidnight < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(untilMidnight + TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        }

        // A seconds-field schedule for one instant a few seconds ahead, in Tokyo time: the job fires once by itself.
        var fireAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(6), Tokyo);
        var schedule = string.Create(CultureInfo.InvariantCulture, $"{fireAt.Second} {fireAt.Minute} {fireAt.Hour} {fireAt.Day} {fireAt.Month} *");
        var create = await BelfryAsync("scheduler", "jobs", "create", "http", "sync-daily-data", "--location=asia-northeast1",
            $"--schedule={schedule}", $"--uri={_sample.BaseUrl}/sync", "--http-method=POST", "--time-zone=Asia/Tokyo",
            "--oidc-service-account-email=scheduler-sa@my-project.iam.gserviceaccount.com", $"--oidc-token-audience={_sample.BaseUrl}",
            "--max-retry-attempts=3", "--min-backoff-duration=10s", "--max-backoff-duration=5m");
        Assert.True(create.ExitCode == 0, create.ToString());

        await WaitForExecutionsAsync(1);
        var run = await BelfryAsync("scheduler", "jobs", "run", "sync-daily-data", "--location=asia-northeast1");
        Assert.True(run.ExitCode == 0, run.ToString());
        var executions = await WaitForExecutionsAsync(2);

        Assert.Equal(["MANUAL", "SCHEDULED"], executions.Select(e => (string)e!["trigger"]!));
        Assert.All(executions, e => Assert.Equal(200, (int?)e!["attempts"]![0]!["statusCode"]));
        var status = await StatusAsync();
        var runs = Assert.Single(status["runs"]!.AsArray())!;
        Assert.Equal("sync", (string?)runs["handler"]);
        Assert.Equal("sync-daily-data", (string?)runs["job"]);
        Assert.Equal(DateOnly.FromDateTime(fireAt.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)runs["runKey"]);
        Assert.Equal(1, (int?)runs["count"]);
        Assert.Equal(2, (int?)status["requests"]!["/sync"]);
        Assert.Equal(3, await CountSyncedRecordsAsync());

        var foreign = await BelfryAsync("auth", "print-identity-token", $"--audiences={_sample.BaseUrl}/");
        Assert.True(foreign.ExitCode == 0, foreign.ToString());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _sample.BaseUrl + "/sync");
        request.Headers.Authorization = new("Bearer", foreign.Stdout.Trim());
        using var refused = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, (int?)Assert.Single((await StatusAsync())["runs"]!.AsArray())!["count"]);
        Assert.Equal(3, await CountSyncedRecordsAsync());
    }

    private Task<CliResult> BelfryAsync(params string[] args) => BelfryBinary.RunAsync(_server.Endpoint, args);

    private async Task<JsonArray> WaitForExecutionsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var result = await BelfryAsync("scheduler", "jobs", "executions", "sync-daily-data", "--location=asia-northeast1", "--format=json");
            last = result.ToString();
            if (result.ExitCode == 0 && JsonNode.Parse(result.Stdout) is { } node)
            {
                var executions = node as JsonArray ?? node["executions"]?.AsArray() ?? [];
                if (executions.Count >= count && executions.All(e => (string?)e!["state"] == "SUCCEEDED"))
                {
                    return executions;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{count} succeeded executions never appeared; last answer:\n{last}\n--- server\n{_server.Output}\n--- sample\n{_sample.Output}");
    }

    private async Task<JsonNode> StatusAsync()
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(_sample.BaseUrl + "/status", TestContext.Current.CancellationToken))!;
    }

    private async Task<long> CountSyncedRecordsAsync()
    {
        var path = Path.Combine(_sample.DataDirectory, "sync.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM synced_records";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
