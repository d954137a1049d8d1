using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class UpdateHttpCommandTests
{
    [Fact]
    public async Task Update_ArticleCommand_PatchesUriAndAudienceOnly()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "update", "http", "sync-daily-data", "--location=asia-northeast1",
            "--uri=https://new/sync", "--oidc-token-audience=https://new");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data", request.Path);
        Assert.Equal("?updateMask=httpTarget.uri,httpTarget.oidcToken.audience", request.Query);
        JsonAssert.Equal("""{"httpTarget":{"uri":"https://new/sync","oidcToken":{"audience":"https://new"}}}""", request.Body);
        Assert.StartsWith("attemptDeadline: 180s\n", run.Out);
    }

    [Fact]
    public async Task Update_ClearFlags_MaskPathsWithEmptyBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "update", "http", "j1", "--clear-time-zone", "--clear-retry-attempts", "--clear-min-backoff",
            "--clear-max-backoff", "--clear-max-doublings", "--clear-max-retry-duration", "--clear-headers",
            "--clear-message-body", "--clear-auth-token");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(
            "?updateMask=timeZone,httpTarget.headers,httpTarget.body,httpTarget.oidcToken,retryConfig.retryCount," +
            "retryConfig.maxRetryDuration,retryConfig.minBackoffDuration,retryConfig.maxBackoffDuration,retryConfig.maxDoublings",
            request.Query);
        JsonAssert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task Update_UpdateAndRemoveHeaders_ReadsJobThenSendsWholeMap()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "update", "http", "sync-daily-data", "--location=asia-northeast1",
            "--update-headers=X-Run=nightly", "--remove-headers=User-Agent");

        Assert.Equal(0, run.ExitCode);
        Assert.Collection(server.Requests,
            get => Assert.Equal(("GET", "/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data"), (get.Method, get.Path)),
            patch =>
            {
                Assert.Equal("PATCH", patch.Method);
                Assert.Equal("?updateMask=httpTarget.headers", patch.Query);
                JsonAssert.Equal("""{"httpTarget":{"headers":{"X-Run":"nightly"}}}""", patch.Body);
            });
    }

    [Theory]
    [InlineData("--clear-time-zone", "--time-zone=UTC", "At most one of --clear-time-zone | --time-zone")]
    [InlineData("--clear-auth-token", "--oidc-token-audience=https://a", "At most one of --clear-auth-token | --oidc-token-audience")]
    [InlineData("--clear-headers", "--update-headers=A=1", "At most one of --clear-headers | --headers | --update-headers")]
    [InlineData("--clear-message-body", "--message-body=x", "At most one of --clear-message-body | --message-body")]
    [InlineData("--clear-min-backoff", "--min-backoff-duration=1s", "At most one of --clear-min-backoff | --min-backoff")]
    public async Task Update_ClearWithSetFlag_IsRejectedWithoutRequest(string clear, string set, string expected)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "update", "http", "j1", clear, set);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Update_NoFlags_AsksForAField()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "update", "http", "j1", "--location=eu");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Must specify at least one field to update", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Update_BadDuration_NamesFlagAndSendsNothing()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "update", "http", "j1", "--max-retry-duration", "1y");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ERROR: (belfry.scheduler.jobs.update.http) argument --max-retry-duration: invalid duration \"1y\"", run.Error);
        Assert.Empty(server.Requests);
    }
}
