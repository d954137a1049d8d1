using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary>Issue 15, "Locations": the locations list names where resources are, and jobs list across locations under <c>locations/-</c>.</summary>
public sealed class LocationsApiTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _tokyo = null!;
    private ApiClient _europe = null!;

    public ValueTask InitializeAsync()
    {
        _tokyo = new ApiClient(_server.CreateClient(), "test-project", "asia-northeast1");
        _europe = new ApiClient(_server.CreateClient(), "test-project", "europe-west1");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ListLocations_ResourcesInSeveralLocations_NamesThemAndTheConfiguredOneInOrder()
    {
        await _tokyo.CreateAsync(_tokyo.Job("a", "http://127.0.0.1:1/x"));
        var (channelStatus, _) = await _europe.SendAsync(HttpMethod.Post, _europe.Parent + "/channels?channelId=team", """{"type":"SLACK","webhookUrl":"file:slack"}""");
        var other = new ApiClient(_server.CreateClient(), "other-project", "us-central1");
        await other.CreateAsync(other.Job("elsewhere", "http://127.0.0.1:1/x"));

        var (status, list) = await _tokyo.SendAsync(HttpMethod.Get, "projects/test-project/locations");

        Assert.Equal(200, channelStatus);
        Assert.Equal(200, status);
        Assert.Equal(
            ["projects/test-project/locations/asia-northeast1", "projects/test-project/locations/europe-west1", "projects/test-project/locations/local"],
            list["locations"]!.AsArray().Select(l => (string?)l!["name"]));
    }

    [Fact]
    public async Task ListJobs_AnyLocation_ListsEveryLocationsJobsAcrossPages()
    {
        await _tokyo.CreateAsync(_tokyo.Job("b", "http://127.0.0.1:1/x"));
        await _tokyo.CreateAsync(_tokyo.Job("a", "http://127.0.0.1:1/x"));
        await _europe.CreateAsync(_europe.Job("a", "http://127.0.0.1:1/x"));

        var (status, first) = await _tokyo.SendAsync(HttpMethod.Get, "projects/test-project/locations/-/jobs?pageSize=2");
        var token = (string?)first["nextPageToken"];
        var (_, second) = await _tokyo.SendAsync(HttpMethod.Get, $"projects/test-project/locations/-/jobs?pageSize=2&pageToken={token}");

        Assert.Equal(200, status);
        Assert.Equal([_tokyo.JobName("a"), _tokyo.JobName("b")], first["jobs"]!.AsArray().Select(j => (string?)j!["name"]));
        Assert.Equal([_europe.JobName("a")], second["jobs"]!.AsArray().Select(j => (string?)j!["name"]));
        Assert.Null(second["nextPageToken"]);
    }

    [Theory]
    [InlineData("POST", "projects/test-project/locations/-/jobs")]
    [InlineData("GET", "projects/test-project/locations/-/jobs/a")]
    [InlineData("GET", "projects/test-project/locations/-/channels")]
    public async Task AnyLocation_OutsideTheJobsList_IsInvalidArgument(string method, string path)
    {
        var (status, error) = await _tokyo.SendAsync(new HttpMethod(method), path, method == "POST" ? _tokyo.Job("a", "http://127.0.0.1:1/x") : null);

        Assert.Equal(400, status);
        Assert.Contains("accepted only when listing jobs", (string?)error["error"]!["message"], StringComparison.Ordinal);
    }
}
