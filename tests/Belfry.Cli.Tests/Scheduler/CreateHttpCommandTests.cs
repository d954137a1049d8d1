using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class CreateHttpCommandTests
{
    [Fact]
    public async Task Create_ArticleCommand_PostsJobAndPrintsYaml()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "sync-daily-data", "--location=asia-northeast1", "--schedule=0 6 * * *",
            "--uri=http://127.0.0.1:9000/sync", "--http-method=POST", "--time-zone=Asia/Tokyo", "--max-retry-attempts=3",
            "--min-backoff-duration=10s", "--max-backoff-duration=5m");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/projects/default/locations/asia-northeast1/jobs", request.Path);
        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"0 6 * * *",
             "timeZone":"Asia/Tokyo","httpTarget":{"uri":"http://127.0.0.1:9000/sync","httpMethod":"POST"},
             "retryConfig":{"retryCount":3,"minBackoffDuration":"10s","maxBackoffDuration":"300s"}}
            """, request.Body);
        Assert.Equal("""
            attemptDeadline: 180s
            httpTarget:
              headers:
                User-Agent: Google-Cloud-Scheduler
              httpMethod: POST
              uri: http://127.0.0.1:9000/sync
            name: projects/default/locations/asia-northeast1/jobs/sync-daily-data
            retryConfig:
              maxBackoffDuration: 300s
              maxDoublings: 5
              maxRetryDuration: 0s
              minBackoffDuration: 10s
              retryCount: 3
            schedule: 0 6 * * *
            scheduleTime: '2027-01-01T21:00:00Z'
            state: ENABLED
            timeZone: Asia/Tokyo
            userUpdateTime: '2026-12-31T10:00:00Z'

            """, run.Out);
    }

    [Fact]
    public async Task Create_OidcArticleCommandWithSpaceSeparatedValues_SendsOidcToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "sync-daily-data", "--location", "asia-northeast1", "--schedule", "0 6 * * *",
            "--uri", "https://sync.example/sync", "--http-method", "post", "--time-zone", "Asia/Tokyo",
            "--oidc-service-account-email", "scheduler-sa@p.iam.gserviceaccount.com", "--oidc-token-audience", "https://sync.example");

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""
            {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"0 6 * * *",
             "timeZone":"Asia/Tokyo","httpTarget":{"uri":"https://sync.example/sync","httpMethod":"POST",
             "oidcToken":{"serviceAccountEmail":"scheduler-sa@p.iam.gserviceaccount.com","audience":"https://sync.example"}}}
            """, Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Create_HeadersAndBodyFromFile_SendsHeadersAndBase64Bytes()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, [0x7B, 0x7D, 0x0A, 0xFF], TestContext.Current.CancellationToken);
        try
        {
            var run = await CliHarness.RunAsync(server,
                "scheduler", "jobs", "create", "http", "j1", "--schedule=* * * * *", "--uri=http://x/",
                "--headers=Content-Type=application/json,X-Trace=1", $"--message-body-from-file={file}");

            Assert.Equal(0, run.ExitCode);
            JsonAssert.Equal("""
                {"name":"projects/default/locations/local/jobs/j1","schedule":"* * * * *",
                 "httpTarget":{"uri":"http://x/","headers":{"Content-Type":"application/json","X-Trace":"1"},"body":"e30K/w=="}}
                """, Assert.Single(server.Requests).Body);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--min-backoff-duration=5x", "argument --min-backoff-duration: invalid duration \"5x\"")]
    [InlineData("--max-backoff=forever", "argument --max-backoff: invalid duration \"forever\"")]
    [InlineData("--attempt-deadline=-1s", "argument --attempt-deadline: invalid duration \"-1s\"")]
    [InlineData("--max-retry-attempts=three", "argument --max-retry-attempts: invalid value \"three\"")]
    [InlineData("--http-method=FETCH", "argument --http-method: invalid choice \"FETCH\"")]
    [InlineData("--headers=oops", "argument --headers: bad syntax for dict arg: [oops]")]
    [InlineData("--format=xml", "argument --format: invalid format \"xml\"")]
    [InlineData("--no-such-flag", "--no-such-flag")]
    public async Task Create_BadFlagValue_NamesFlagExitsTwoAndSendsNothing(string badFlag, string expected)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "sync-daily-data", "--schedule=0 6 * * *", "--uri=http://x/", badFlag);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERROR: (belfry.scheduler.jobs.create.http) ", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Empty(server.Requests);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Create_MissingSchedule_NamesFlagAndSendsNothing()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "create", "http", "j1", "--uri=http://x/");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--schedule", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_BodyAndBodyFile_AreMutuallyExclusive()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "j1", "--schedule=* * * * *", "--uri=http://x/", "--message-body=a",
            "--message-body-from-file=/nonexistent");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("At most one of --message-body | --message-body-from-file can be specified.", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_AudienceWithoutEmail_IsRejected()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "j1", "--schedule=* * * * *", "--uri=http://x/", "--oidc-token-audience=https://a");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("argument --oidc-service-account-email: Must be specified", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_UnreadableBodyFile_NamesFlagAndSendsNothing()
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "j1", "--schedule=* * * * *", "--uri=http://x/", "--message-body-from-file=/no/such/file");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("argument --message-body-from-file: unable to read file [/no/such/file]", run.Error);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("bad/id")]
    [InlineData("projects/p/jobs/x")]
    public async Task Create_InvalidJobName_NamesArgumentAndSendsNothing(string job)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, "scheduler", "jobs", "create", "http", job, "--schedule=* * * * *", "--uri=http://x/");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("argument JOB: invalid job", run.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_FullResourceName_UsesItsProjectAndLocation()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "projects/acme/locations/eu/jobs/j1", "--schedule=* * * * *", "--uri=http://x/");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/projects/acme/locations/eu/jobs", Assert.Single(server.Requests).Path);
    }
}
