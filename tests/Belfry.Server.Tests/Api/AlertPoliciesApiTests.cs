using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary><c>/v1/projects/*/locations/*/alertPolicies</c>: defaults, validation, update masks.</summary>
public sealed class AlertPoliciesApiTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_X");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private string Policies => _api.Parent + "/alertPolicies";

    [Fact]
    public async Task Create_Minimal_DefaultsSpelledOut()
    {
        var (status, policy) = await _api.CreatePolicyAsync("scheduler-failures", """{"channels":["ops"]}""");

        Assert.Equal(200, status);
        Assert.Equal(
            $$"""{"name":"{{Policies}}/scheduler-failures","failures":1,"window":"300s","rateLimit":"300s","channels":["{{_api.Parent}}/channels/ops"],"enabled":true,"state":"OK","createTime":"2027-01-01T00:00:00Z","updateTime":"2027-01-01T00:00:00Z"}""",
            policy.ToJsonString());
    }

    [Theory]
    [InlineData("""{"channels":[]}""", "channels: at least one channel is required.")]
    [InlineData("""{"channels":["nope"]}""", "channels: the channel projects/test-project/locations/asia-northeast1/channels/nope does not exist; create it first (belfry channels create).")]
    [InlineData("""{"channels":["ops"],"failures":0}""", "failures: must be between 1 and 1000, got 0.")]
    [InlineData("""{"channels":["ops"],"window":"0s"}""", "window: must be between 1s and 7 days (604800s), got 0s.")]
    [InlineData("""{"channels":["ops"],"rateLimit":"5m"}""", "rateLimit: invalid duration \"5m\"; expected seconds with an 's' suffix, such as \"10s\" or \"1.5s\".")]
    [InlineData("""{"channels":["ops"],"jobs":["bad job"]}""", "jobs: \"bad job\" is not a job id, or a prefix of one followed by '*'.")]
    public async Task Create_Invalid_InvalidArgument(string body, string message)
    {
        var (status, error) = await _api.CreatePolicyAsync("p", body);

        Assert.Equal((400, message), (status, (string?)error["error"]!["message"]));
    }

    [Fact]
    public async Task Patch_WithMask_KeepsTheRest()
    {
        await _api.CreatePolicyAsync("p", """{"channels":["ops"],"failures":3,"jobs":["sync-*"]}""");

        var (status, policy) = await _api.SendAsync(HttpMethod.Patch, Policies + "/p?updateMask=window,jobs", """{"window":"600s"}""");

        Assert.Equal(200, status);
        Assert.Equal((3, "600s", "300s"), ((int)policy["failures"]!, (string?)policy["window"], (string?)policy["rateLimit"]));
        Assert.Null(policy["jobs"]);
    }

    [Fact]
    public async Task ListAndDelete()
    {
        await _api.CreatePolicyAsync("a", """{"channels":["ops"]}""");
        await _api.CreatePolicyAsync("b", """{"channels":["ops"]}""");

        await _api.SendAsync(HttpMethod.Delete, Policies + "/a");
        var (_, list) = await _api.SendAsync(HttpMethod.Get, Policies);

        Assert.Equal([$"{Policies}/b"], list["alertPolicies"]!.AsArray().Select(p => (string)p!["name"]!));
    }
}
