using Belfry.Server.Tests.Infrastructure;
using Belfry.Server.Tests.Pipelines;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// Issue 10, M5: every duration the API takes has an upper bound, and a value past it is refused with a 400 naming
/// the field before anything is stored (before, 10,000 years were accepted and overflowed the planner and backoff).
/// </summary>
public sealed class DurationLimitTests : IAsyncLifetime
{
    private const string Years2001 = "63145627200s";
    private const string Years8001 = "252492357600s";
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateAsync(_api.Job("existing", "http://127.0.0.1:1/x"));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(""" "belfry":{"catchUpWindow":"63145627200s"} """, "belfry.catchUpWindow: must be at most 7 days (604800s), got " + Years2001 + ".")]
    [InlineData(""" "belfry":{"catchUpWindow":"691200s"} """, "belfry.catchUpWindow: must be at most 7 days (604800s), got 691200s.")]
    [InlineData(""" "retryConfig":{"maxBackoffDuration":"252492357600s"} """, "retryConfig.maxBackoffDuration: must be at most 1h (3600s), got " + Years8001 + ".")]
    [InlineData(""" "retryConfig":{"minBackoffDuration":"252492357600s","maxBackoffDuration":"252492357600s"} """, "retryConfig.minBackoffDuration: must be at most 1h (3600s), got " + Years8001 + ".")]
    [InlineData(""" "retryConfig":{"maxBackoffDuration":"3601s"} """, "retryConfig.maxBackoffDuration: must be at most 1h (3600s), got 3601s.")]
    [InlineData(""" "retryConfig":{"maxRetryDuration":"2592001s"} """, "retryConfig.maxRetryDuration: must be at most 30 days (2592000s), got 2592001s.")]
    [InlineData(""" "belfry":{"missedRunDeadline":"31536001s"} """, "belfry.missedRunDeadline: must be between 1s and 365 days (31536000s), got 31536001s.")]
    public async Task Create_DurationPastItsBound_InvalidArgumentNamingFieldAndStoreUnchanged(string extra, string message)
    {
        var before = await _api.SnapshotAsync();

        var (status, body) = await _api.CreateAsync(_api.Job("new-job", "http://127.0.0.1:1/x", extra: extra.Trim()));

        Assert.Equal((400, "INVALID_ARGUMENT", message), (status, (string?)body["error"]!["status"], (string?)body["error"]!["message"]));
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task Create_DurationsAtTheirBounds_Accepted()
    {
        var (status, job) = await _api.CreateAsync(_api.Job("at-bounds", "http://127.0.0.1:1/x", extra: """
            "retryConfig":{"minBackoffDuration":"3600s","maxBackoffDuration":"3600s","maxRetryDuration":"2592000s"},
            "belfry":{"catchUpWindow":"604800s"}
            """));

        Assert.Equal(200, status);
        Assert.Equal(("3600s", "2592000s", "604800s"),
            ((string?)job["retryConfig"]!["maxBackoffDuration"], (string?)job["retryConfig"]!["maxRetryDuration"], (string?)job["belfry"]!["catchUpWindow"]));
    }

    [Fact]
    public async Task Patch_CatchUpWindowOfEightDays_InvalidArgumentAndStoreUnchanged()
    {
        var before = await _api.SnapshotAsync();

        var (status, body) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("existing") + "?updateMask=belfry.catchUpWindow", """{"belfry":{"catchUpWindow":"691200s"}}""");

        Assert.Equal(400, status);
        Assert.StartsWith("belfry.catchUpWindow: must be at most 7 days", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"id":"fetch","httpTarget":{"uri":"http://127.0.0.1:1/x"},"retryConfig":{"maxBackoffDuration":"252492357600s"}}""", "",
        "steps[fetch].retryConfig.maxBackoffDuration: must be at most 1h (3600s)")]
    [InlineData("""{"id":"fetch","httpTarget":{"uri":"http://127.0.0.1:1/x"}}""", """ "belfry":{"catchUpWindow":"63145627200s"} """,
        "belfry.catchUpWindow: must be at most 7 days (604800s)")]
    public async Task CreatePipeline_DurationPastItsBound_InvalidArgumentNamingField(string step, string extra, string message)
    {
        var before = (await _api.SendAsync(HttpMethod.Get, _api.Parent + "/pipelines")).Body.ToJsonString();

        var (status, body) = await _api.CreatePipelineAsync("daily", step, extra.Trim());

        Assert.Equal(400, status);
        Assert.StartsWith(message, (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, (await _api.SendAsync(HttpMethod.Get, _api.Parent + "/pipelines")).Body.ToJsonString());
    }
}
