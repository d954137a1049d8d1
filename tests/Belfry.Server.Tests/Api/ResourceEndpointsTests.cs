using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// The standard methods every resource shares (create, list, get, update, delete and the <c>:verb</c> segment): how the
/// id, the id query parameter and the body bind, and which check comes first. Pinned before the four endpoint classes
/// were folded into one scaffold (issue 11, point 6), so the fold changes none of it.
/// </summary>
public sealed class ResourceEndpointsTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync() => _api = new ApiClient(_server.CreateClient());

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("jobs", "job: a request body is required.")]
    [InlineData("channels", "channel: a request body is required.")]
    [InlineData("alertPolicies", "alertPolicy: a request body is required.")]
    [InlineData("pipelines", "pipeline: a request body is required.")]
    public async Task Create_NoBody_InvalidArgumentNamingTheResourceBeforeALocationIsChecked(string collection, string message)
    {
        await AssertRefusedAsync(HttpMethod.Post, $"{_api.Parent}/{collection}", null, 400, message);
        await AssertRefusedAsync(HttpMethod.Post, $"projects/test-project/locations/bad%20place/{collection}", null, 400, message);
    }

    [Theory]
    [InlineData("jobs", "name: \"bad id\" is not a valid job id (letters, digits, hyphens, underscores; at most 500).")]
    [InlineData("channels", "name: \"bad id\" is not a valid channel id (letters, digits, hyphens, underscores; at most 100).")]
    [InlineData("alertPolicies", "name: \"bad id\" is not a valid alert policy id (letters, digits, hyphens, underscores; at most 100).")]
    [InlineData("pipelines", "pipeline: a request body is required.")]
    public async Task Update_NoBodyAndBadId_PipelinesReadTheBodyFirstTheOthersTheName(string collection, string message)
    {
        await AssertRefusedAsync(HttpMethod.Patch, $"{_api.Parent}/{collection}/bad%20id", null, 400, message);
    }

    [Theory]
    [InlineData("jobs", "Job")]
    [InlineData("channels", "Channel")]
    [InlineData("alertPolicies", "Alert policy")]
    [InlineData("pipelines", "Pipeline")]
    public async Task GetAndDelete_Unknown_NotFoundNamingTheResource(string collection, string kind)
    {
        var name = $"{_api.Parent}/{collection}/nope";

        var (getStatus, got) = await _api.SendAsync(HttpMethod.Get, name);
        var (deleteStatus, deleted) = await _api.SendAsync(HttpMethod.Delete, name);

        Assert.Equal((404, 404), (getStatus, deleteStatus));
        Assert.Equal($"{kind} {name} not found.", (string?)got["error"]!["message"]);
        Assert.Equal($"{kind} {name} not found.", (string?)deleted["error"]!["message"]);
    }

    [Theory]
    [InlineData("jobs", "?pageSize=-1", "pageSize: must not be negative, got -1.")]
    [InlineData("channels", "?pageSize=-2", "pageSize: must not be negative, got -2.")]
    [InlineData("alertPolicies", "?pageSize=-3", "pageSize: must not be negative, got -3.")]
    [InlineData("pipelines", "?pageSize=-4", "pageSize: must not be negative, got -4.")]
    public async Task List_NegativePageSize_InvalidArgument(string collection, string query, string message)
    {
        await AssertRefusedAsync(HttpMethod.Get, $"{_api.Parent}/{collection}{query}", null, 400, message);
    }

    [Theory]
    [InlineData("jobs", "POST /v1/{0}/jobs/x is not a method of the jobs API; use :pause, :resume or :run.")]
    [InlineData("channels", "POST /v1/{0}/channels/x is not a method of the channels API; use :test.")]
    [InlineData("pipelines", "POST /v1/{0}/pipelines/x is not a method of the pipelines API; use :pause, :resume or :run.")]
    public async Task Post_OnAnIdWithoutVerb_NotFoundNamingTheVerbs(string collection, string message)
    {
        await AssertRefusedAsync(HttpMethod.Post, $"{_api.Parent}/{collection}/x", "{}", 404, Format(message));
    }

    [Theory]
    [InlineData("jobs", "\":stop\" is not a method of the jobs API; use :pause, :resume or :run.")]
    [InlineData("channels", "POST /v1/{0}/channels/bad%20id:stop is not a method of the channels API; use :test.")]
    [InlineData("pipelines", "\":stop\" is not a method of the pipelines API; use :pause, :resume or :run.")]
    public async Task Post_UnknownVerb_NotFound(string collection, string message)
    {
        // A valid id for the jobs and pipelines (their name is checked before the verb), a bad one for channels (the verb first).
        var id = collection == "channels" ? "bad%20id" : "x";

        await AssertRefusedAsync(HttpMethod.Post, $"{_api.Parent}/{collection}/{id}:stop", "{}", 404, Format(message));
    }

    [Fact]
    public async Task CreateChannel_EmptyChannelIdBesideAName_BoundAsEmptyAndRefused()
    {
        // An empty value binds as "", not null, so it is compared with the name's id.
        await AssertRefusedAsync(HttpMethod.Post, $"{_api.Parent}/channels?channelId=",
            $$"""{"name":"{{_api.Parent}}/channels/ops","type":"SLACK","webhookUrl":"file:slack"}""",
            400, $"channelId: \"\" does not match the name \"{_api.Parent}/channels/ops\".");
    }

    [Fact]
    public async Task CreateAlertPolicy_RepeatedIdParameter_ValuesJoinedAndRefused()
    {
        await AssertRefusedAsync(HttpMethod.Post, $"{_api.Parent}/alertPolicies?alertPolicyId=a&alertPolicyId=b", """{"channels":["x"]}""",
            400, "name: \"a,b\" is not a valid alert policy id (letters, digits, hyphens, underscores; at most 100).");
    }

    [Fact]
    public async Task Get_EscapedId_BoundDecoded()
    {
        await AssertRefusedAsync(HttpMethod.Get, $"{_api.Parent}/alertPolicies/a%2Db", null, 404, $"Alert policy {_api.Parent}/alertPolicies/a-b not found.");
    }

    private string Format(string message) => string.Format(System.Globalization.CultureInfo.InvariantCulture, message, _api.Parent);

    private async Task AssertRefusedAsync(HttpMethod method, string path, string? json, int status, string message)
    {
        var (answered, body) = await _api.SendAsync(method, path, json);

        Assert.Equal(status, answered);
        Assert.Equal(message, (string?)body["error"]!["message"]);
    }
}
