using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

public sealed class JobsApiTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_ArticleJob_AppliesCloudSchedulerDefaultsAndPlansNextTime()
    {
        var (status, job) = await _api.CreateAsync(_api.Job("sync-daily-data", "http://127.0.0.1:9000/sync",
            extra: """ "retryConfig":{"retryCount":3,"minBackoffDuration":"10s","maxBackoffDuration":"300s"}"""));

        Assert.Equal(200, status);
        Assert.Equal(_api.JobName("sync-daily-data"), (string?)job["name"]);
        Assert.Equal("ENABLED", (string?)job["state"]);
        Assert.Equal("POST", (string?)job["httpTarget"]!["httpMethod"]);
        Assert.Equal("180s", (string?)job["attemptDeadline"]);
        Assert.Equal(3, (int?)job["retryConfig"]!["retryCount"]);
        Assert.Equal("10s", (string?)job["retryConfig"]!["minBackoffDuration"]);
        Assert.Equal("300s", (string?)job["retryConfig"]!["maxBackoffDuration"]);
        Assert.Equal(5, (int?)job["retryConfig"]!["maxDoublings"]);
        Assert.Equal("0s", (string?)job["retryConfig"]!["maxRetryDuration"]);
        // 06:00 in Tokyo (+09:00) on 2027-01-01 is 21:00Z the day before; the clock stands at 2027-01-01T00:00Z.
        Assert.Equal("2027-01-01T21:00:00Z", (string?)job["scheduleTime"]);
        Assert.Equal("2027-01-01T00:00:00Z", (string?)job["userUpdateTime"]);
        Assert.Null(job["lastAttemptTime"]);
    }

    [Fact]
    public async Task Create_WithoutTimeZoneOrMethod_DefaultsToUtcAndPost()
    {
        var (status, job) = await _api.CreateAsync($$$"""{"name":"{{{_api.JobName("bare")}}}","schedule":"*/5 * * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""");

        Assert.Equal(200, status);
        Assert.Equal("Etc/UTC", (string?)job["timeZone"]);
        Assert.Equal("POST", (string?)job["httpTarget"]!["httpMethod"]);
        Assert.Equal("2027-01-01T00:05:00Z", (string?)job["scheduleTime"]);
    }

    [Fact]
    public async Task Create_EnumAsNumber_IsAccepted()
    {
        var json = $$$"""{"name":"{{{_api.JobName("numeric")}}}","schedule":"0 * * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","httpMethod":2}}""";

        var (status, job) = await _api.CreateAsync(json);

        Assert.Equal(200, status);
        Assert.Equal("GET", (string?)job["httpTarget"]!["httpMethod"]);
    }

    [Fact]
    public async Task Create_SameNameTwice_AlreadyExistsAndFirstKept()
    {
        await _api.CreateAsync(_api.Job("dup", "http://127.0.0.1:1/first"));
        var before = await _api.SnapshotAsync();

        var (status, error) = await _api.CreateAsync(_api.Job("dup", "http://127.0.0.1:1/second"));

        Assert.Equal(409, status);
        Assert.Equal("ALREADY_EXISTS", (string?)error["error"]!["status"]);
        Assert.Equal(409, (int?)error["error"]!["code"]);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task Get_UnknownJob_NotFoundInErrorShape()
    {
        var (status, error) = await _api.GetAsync("nope");

        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", (string?)error["error"]!["status"]);
        Assert.Contains("nope", (string?)error["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ExistingJob_AnswersEmptyObjectThenNotFound()
    {
        await _api.CreateAsync(_api.Job("gone", "http://127.0.0.1:1/x"));

        var (status, body) = await _api.SendAsync(HttpMethod.Delete, _api.JobName("gone"));

        Assert.Equal(200, status);
        Assert.Equal("{}", body.ToJsonString());
        Assert.Equal(404, (await _api.GetAsync("gone")).Status);
    }

    [Fact]
    public async Task List_SevenJobsPagesOfThree_ReturnsEachOnceInIdOrder()
    {
        for (var i = 0; i < 7; i++)
        {
            await _api.CreateAsync(_api.Job($"job-{i}", "http://127.0.0.1:1/x"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (status, page) = await _api.ListAsync("?pageSize=3" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, status);
            seen.AddRange(page["jobs"]!.AsArray().Select(j => (string)j!["name"]!));
            token = (string?)page["nextPageToken"];
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => _api.JobName($"job-{i}")), seen);
    }

    [Fact]
    public async Task List_WithAltAndPrettyPrint_IgnoresThem()
    {
        await _api.CreateAsync(_api.Job("a", "http://127.0.0.1:1/x"));

        var (status, page) = await _api.ListAsync("?$alt=json%3Benum-encoding%3Dint&alt=json&prettyPrint=false");

        Assert.Equal(200, status);
        Assert.Single(page["jobs"]!.AsArray());
    }

    [Fact]
    public async Task List_OtherLocation_SeesNone()
    {
        await _api.CreateAsync(_api.Job("a", "http://127.0.0.1:1/x"));
        var other = new ApiClient(_server.CreateClient(), "test-project", "us-central1");

        var (_, page) = await other.ListAsync();

        Assert.True(page["jobs"] is null || page["jobs"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task Locations_ListAndGet_AnswerLikeCloudScheduler()
    {
        var (listStatus, list) = await _api.SendAsync(HttpMethod.Get, "projects/p/locations");
        var (getStatus, location) = await _api.SendAsync(HttpMethod.Get, "projects/p/locations/asia-northeast1");

        Assert.Equal(200, listStatus);
        Assert.Equal("projects/p/locations/local", (string?)list["locations"]![0]!["name"]);
        Assert.Equal(200, getStatus);
        Assert.Equal("asia-northeast1", (string?)location["locationId"]);
    }

    [Fact]
    public async Task Patch_NestedMaskInEitherCasing_ChangesOnlyMaskedFields()
    {
        await _api.CreateAsync($$$"""
            {"name":"{{{_api.JobName("upd")}}}","schedule":"0 6 * * *","description":"keep me",
             "httpTarget":{"uri":"http://old.example/sync","oidcToken":{"serviceAccountEmail":"sa@p.iam.gserviceaccount.com","audience":"http://old.example"}}
            }
            """);
        var patch = """{"httpTarget":{"uri":"https://new.example/sync","oidcToken":{"audience":"https://new.example"}},"description":"ignored, not in the mask"}""";

        var (status, job) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("upd") + "?updateMask=httpTarget.uri,http_target.oidc_token.audience", patch);

        Assert.Equal(200, status);
        Assert.Equal("https://new.example/sync", (string?)job["httpTarget"]!["uri"]);
        Assert.Equal("https://new.example", (string?)job["httpTarget"]!["oidcToken"]!["audience"]);
        Assert.Equal("sa@p.iam.gserviceaccount.com", (string?)job["httpTarget"]!["oidcToken"]!["serviceAccountEmail"]);
        Assert.Equal("keep me", (string?)job["description"]);
    }

    [Fact]
    public async Task Patch_Schedule_ReplansNextTimeAndUserUpdateTime()
    {
        await _api.CreateAsync(_api.Job("re", "http://127.0.0.1:1/x"));
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        var (status, job) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("re") + "?updateMask=schedule,time_zone",
            """{"schedule":"30 9 * * *","timeZone":"Europe/London"}""");

        Assert.Equal(200, status);
        Assert.Equal("2027-01-01T09:30:00Z", (string?)job["scheduleTime"]);
        Assert.Equal("2027-01-01T00:01:00Z", (string?)job["userUpdateTime"]);
    }

    [Fact]
    public async Task PauseResume_ClearThenReplanScheduleTime()
    {
        await _api.CreateAsync(_api.Job("pr", "http://127.0.0.1:1/x", schedule: "0 * * * *", timeZone: "Etc/UTC"));

        var (pauseStatus, paused) = await _api.ActAsync("pr", "pause");
        _server.Time.Advance(TimeSpan.FromHours(5.5));
        var (resumeStatus, resumed) = await _api.ActAsync("pr", "resume");

        Assert.Equal(200, pauseStatus);
        Assert.Equal("PAUSED", (string?)paused["state"]);
        Assert.Null(paused["scheduleTime"]);
        Assert.Equal(200, resumeStatus);
        Assert.Equal("ENABLED", (string?)resumed["state"]);
        Assert.Equal("2027-01-01T06:00:00Z", (string?)resumed["scheduleTime"]);
    }

    [Fact]
    public async Task Resume_EnabledJob_FailedPrecondition()
    {
        await _api.CreateAsync(_api.Job("en", "http://127.0.0.1:1/x"));

        var (status, error) = await _api.ActAsync("en", "resume");

        Assert.Equal(400, status);
        Assert.Equal("FAILED_PRECONDITION", (string?)error["error"]!["status"]);
    }

    [Fact]
    public async Task UnknownVerb_NotFound()
    {
        await _api.CreateAsync(_api.Job("v", "http://127.0.0.1:1/x"));

        var (status, error) = await _api.ActAsync("v", "explode");

        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", (string?)error["error"]!["status"]);
    }
}
