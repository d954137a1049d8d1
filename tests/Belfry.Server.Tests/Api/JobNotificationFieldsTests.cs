using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary>The job's <c>belfry</c> routes and missed-run deadline: normalised, checked, updatable by mask.</summary>
public sealed class JobNotificationFieldsTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_X");
        await _api.CreateChannelAsync("team", "SLACK", "env:BELFRY_SECRET_Y");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private string Channel(string id) => $"{_api.Parent}/channels/{id}";

    [Fact]
    public async Task Create_IdsAndNames_AnsweredAsFullNames()
    {
        var (status, job) = await _api.CreateRoutedJobAsync("sync", "http://127.0.0.1:1/x",
            $$""" "notifyOnFailure":["ops","{{Channel("team")}}","ops"],"notifyOnSuccess":["team"],"missedRunDeadline":"1800s" """);

        Assert.Equal(200, status);
        var belfry = job["belfry"]!;
        Assert.Equal([Channel("ops"), Channel("team")], belfry["notifyOnFailure"]!.AsArray().Select(c => (string)c!));
        Assert.Null(belfry["notifyOnRecovery"]);
        Assert.Equal([Channel("team")], belfry["notifyOnSuccess"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("1800s", (string?)belfry["missedRunDeadline"]);
    }

    [Theory]
    [InlineData(""" "notifyOnFailure":["missing"] """, "belfry.notifyOnFailure: the channel projects/test-project/locations/asia-northeast1/channels/missing does not exist; create it first (belfry channels create).")]
    [InlineData(""" "notifyOnRecovery":["bad id"] """, "belfry.notifyOnRecovery: \"bad id\" is not a channel id (letters, digits, hyphens, underscores; at most 100) or name.")]
    [InlineData(""" "missedRunDeadline":"0.5s" """, "belfry.missedRunDeadline: must be between 1s and 365 days (31536000s), got 0.5s.")]
    public async Task Create_Invalid_InvalidArgument(string belfry, string message)
    {
        var (status, error) = await _api.CreateRoutedJobAsync("sync", "http://127.0.0.1:1/x", belfry);

        Assert.Equal((400, message), (status, (string?)error["error"]!["message"]));
    }

    [Fact]
    public async Task Patch_MaskOnRoutes_ChangesOnlyThose()
    {
        await _api.CreateRoutedJobAsync("sync", "http://127.0.0.1:1/x", """ "notifyOnFailure":["ops"],"missedRunDeadline":"600s","overlapPolicy":"SKIP" """);

        var (status, job) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("sync") + "?updateMask=belfry.notify_on_recovery,belfry.missedRunDeadline",
            """{"belfry":{"notifyOnRecovery":["team"]}}""");

        Assert.Equal(200, status);
        var belfry = job["belfry"]!;
        Assert.Equal([Channel("ops")], belfry["notifyOnFailure"]!.AsArray().Select(c => (string)c!));
        Assert.Equal([Channel("team")], belfry["notifyOnRecovery"]!.AsArray().Select(c => (string)c!));
        Assert.Null(belfry["missedRunDeadline"]);
        Assert.Equal("SKIP", (string?)belfry["overlapPolicy"]);
    }

    [Fact]
    public async Task Patch_ChannelDeletedUnderTheJob_OtherFieldsStillUpdatable()
    {
        await _api.CreateRoutedJobAsync("sync", "http://127.0.0.1:1/x", """ "notifyOnFailure":["ops"] """);
        await _api.SendAsync(HttpMethod.Delete, $"{_api.Parent}/channels/ops");

        var (status, _) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("sync") + "?updateMask=description", """{"description":"still fine"}""");

        Assert.Equal(200, status);
    }
}
