using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary>Every refused request answers 4xx in the error shape, names the field, and leaves the store as it was.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateAsync(_api.Job("existing", "http://127.0.0.1:1/x"));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> BadJobs => new()
    {
        { "invalid cron", """{"name":"N","schedule":"61 * * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "schedule" },
        { "four fields", """{"name":"N","schedule":"* * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "schedule" },
        { "missing schedule", """{"name":"N","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "schedule" },
        { "unknown zone", """{"name":"N","schedule":"0 6 * * *","timeZone":"Mars/Olympus","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "timeZone" },
        { "uri without scheme", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"127.0.0.1:9000/sync"}}""", "httpTarget.uri" },
        { "ftp uri", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"ftp://example.com/x"}}""", "httpTarget.uri" },
        { "body with GET", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","httpMethod":"GET","body":"e30="}}""", "httpTarget.body" },
        { "retryCount 6", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"},"retryConfig":{"retryCount":6}}""", "retryConfig.retryCount" },
        { "attemptDeadline 10s", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"},"attemptDeadline":"10s"}""", "attemptDeadline" },
        { "attemptDeadline 31m", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"},"attemptDeadline":"1860s"}""", "attemptDeadline" },
        { "bad duration", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"},"retryConfig":{"minBackoffDuration":"5x"}}""", "retryConfig.minBackoffDuration" },
        { "unknown field", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"},"scheduel":"0 7 * * *"}""", "scheduel" },
        { "unknown nested field", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","methd":"GET"}}""", "methd" },
        { "malformed JSON", """{"name":"N","schedule":"0 6 * * *",""", "Invalid JSON" },
        { "description over 500", """{"name":"N","schedule":"0 6 * * *","description":"D","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""".Replace("\"D\"", "\"" + new string('d', 501) + "\"", StringComparison.Ordinal), "description" },
        { "reserved header", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","headers":{"Host":"evil"}}}""", "httpTarget.headers" },
        { "bad job id", """{"name":"projects/test-project/locations/asia-northeast1/jobs/has space","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "name" },
        { "other parent", """{"name":"projects/other/locations/asia-northeast1/jobs/x","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", "name" },
        { "pubsub target", """{"name":"N","schedule":"0 6 * * *","pubsubTarget":{"topicName":"t"}}""", "httpTarget" },
        { "oidc without email", """{"name":"N","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","oidcToken":{"audience":"a"}}}""", "serviceAccountEmail" },
    };

    [Theory]
    [MemberData(nameof(BadJobs))]
    public async Task Create_BadJob_InvalidArgumentNamingFieldAndStoreUnchanged(string because, string json, string field)
    {
        var before = await _api.SnapshotAsync();

        var (status, body) = await _api.CreateAsync(json.Replace("\"N\"", $"\"{_api.JobName("new-job")}\"", StringComparison.Ordinal));

        Assert.True(status == 400, because);
        Assert.Equal("INVALID_ARGUMENT", (string?)body["error"]!["status"]);
        Assert.Equal(400, (int?)body["error"]!["code"]);
        Assert.Contains(field, (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    // Issue 15: the refusal says what was probably meant.
    [Theory]
    [InlineData("0 6 * * *", "asia/tokyo", "timeZone: unknown time zone \"asia/tokyo\"; did you mean \"Asia/Tokyo\"?")]
    [InlineData("0 6 * * *", "JST", "timeZone: unknown time zone \"JST\"; did you mean \"Asia/Tokyo\"?")]
    [InlineData("0 6 * * *", "Europe/Londn", "timeZone: unknown time zone \"Europe/Londn\"; did you mean \"Europe/London\"?")]
    [InlineData("every 5 minutes", "Etc/UTC", "schedule: \"every 5 minutes\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only: use \"*/5 * * * *\"")]
    [InlineData("every monday 09:00", "Etc/UTC", "schedule: \"every monday 09:00\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only: use \"0 9 * * 1\"")]
    public async Task Create_MisspeltZoneOrEnglishSchedule_InvalidArgumentSuggestingWhatWasMeant(string schedule, string zone, string message)
    {
        var (status, body) = await _api.CreateAsync(_api.Job("suggested", "http://127.0.0.1:1/x", schedule: schedule, timeZone: zone));

        Assert.Equal(400, status);
        Assert.Equal("INVALID_ARGUMENT", (string?)body["error"]!["status"]);
        Assert.Equal(message, (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task Create_JobOverOneMegabyte_RefusedAndStoreUnchanged()
    {
        var before = await _api.SnapshotAsync();
        var body = Convert.ToBase64String(new byte[800 * 1024]);
        var json = $$$"""{"name":"{{{_api.JobName("huge")}}}","schedule":"0 6 * * *","httpTarget":{"uri":"http://127.0.0.1:1/x","body":"{{{body}}}"}}""";

        var (status, error) = await _api.CreateAsync(json);

        Assert.Equal(400, status);
        Assert.Contains("1 MB", (string?)error["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task Pause_PausedJob_FailedPreconditionAndStoreUnchanged()
    {
        await _api.ActAsync("existing", "pause");
        var before = await _api.SnapshotAsync();

        var (status, error) = await _api.ActAsync("existing", "pause");

        Assert.Equal(400, status);
        Assert.Equal("FAILED_PRECONDITION", (string?)error["error"]!["status"]);
        Assert.Contains("PAUSED", (string?)error["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData("updateMask=state", """{"state":"PAUSED"}""", "updateMask")]
    [InlineData("updateMask=schedule", """{"schedule":"61 * * * *"}""", "schedule")]
    [InlineData("updateMask=retry_config.retry_count", """{"retryConfig":{"retryCount":6}}""", "retryConfig.retryCount")]
    [InlineData("updateMask=httpTarget.uri", """{"httpTarget":{"uri":"nope"}}""", "httpTarget.uri")]
    [InlineData("updateMask=description", """{"descripton":"typo"}""", "descripton")]
    public async Task Patch_BadUpdate_InvalidArgumentAndStoreUnchanged(string query, string json, string field)
    {
        var before = await _api.SnapshotAsync();

        var (status, body) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("existing") + "?" + query, json);

        Assert.Equal(400, status);
        Assert.Contains(field, (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }
}
