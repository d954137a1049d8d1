using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary><c>POST /v1/changeSets:apply</c> (issue 17): all or nothing, validated like each resource's own API, guarded by planned update times.</summary>
public sealed class ChangeSetsApiTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private ApiClient _api = null!;

    public ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private string CreateJob(string id, string schedule = "0 3 * * *", string extra = "") =>
        $$$$"""{"action":"CREATE","name":"{{{{_api.JobName(id)}}}}","job":{"schedule":"{{{{schedule}}}}","timeZone":"Asia/Tokyo","httpTarget":{"uri":"http://127.0.0.1:9/{{{{id}}}}"}{{{{extra}}}}}}""";

    private Task<(int Status, JsonNode Body)> ApplyAsync(IEnumerable<string> changes, bool validateOnly = false) =>
        _api.SendAsync(HttpMethod.Post, "changeSets:apply", $$$"""{"validateOnly":{{{(validateOnly ? "true" : "false")}}},"changes":[{{{string.Join(",", changes)}}}]}""");

    [Fact]
    public async Task Apply_BadTenthChange_NothingAppliedAndTheChangeNamed()
    {
        var changes = Enumerable.Range(1, 9).Select(i => CreateJob($"job-{i}")).Append(CreateJob("tenth", schedule: "61 * * * *"));

        var (status, body) = await ApplyAsync(changes);

        Assert.Equal(400, status);
        var message = (string)body["error"]!["message"]!;
        Assert.StartsWith($"changes[9] ({_api.JobName("tenth")}): schedule:", message, StringComparison.Ordinal);
        var (_, list) = await _api.ListAsync();
        Assert.Empty(list["jobs"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Apply_EveryKind_WrittenTogetherAndAnsweredWithDefaults()
    {
        var channel = $"{_api.Parent}/channels/ops";
        var (status, body) = await ApplyAsync(
        [
            $$$"""{"action":"CREATE","name":"{{{channel}}}","channel":{"type":"SLACK","webhookUrl":"env:BELFRY_SECRET_SLACK_URL"}}""",
            CreateJob("nightly", extra: $$$""","belfry":{"notifyOnFailure":["ops"]}"""),
            $$$"""{"action":"CREATE","name":"{{{_api.Parent}}}/pipelines/chain","pipeline":{"schedule":"0 6 * * *","steps":[{"id":"a","httpTarget":{"uri":"http://127.0.0.1:9/a"}},{"id":"b","dependsOn":["a"],"httpTarget":{"uri":"http://127.0.0.1:9/b"}}]}}""",
            $$$"""{"action":"CREATE","name":"{{{_api.Parent}}}/alertPolicies/failures","alertPolicy":{"channels":["ops"]}}""",
        ]);

        Assert.True(status == 200, body.ToJsonString());
        Assert.True((bool)body["applied"]!);
        Assert.Equal("300s", (string)body["changes"]![3]!["alertPolicy"]!["window"]!);
        Assert.Equal(channel, (string)body["changes"]![1]!["job"]!["belfry"]!["notifyOnFailure"]![0]!);
        Assert.Equal(200, (await _api.GetAsync("nightly")).Status);
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Get, $"{_api.Parent}/pipelines/chain")).Status);
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Get, $"{_api.Parent}/alertPolicies/failures")).Status);
    }

    [Fact]
    public async Task Apply_ValidateOnly_WritesNothing()
    {
        var (status, body) = await ApplyAsync([CreateJob("planned")], validateOnly: true);

        Assert.Equal(200, status);
        Assert.False((bool)body["applied"]!);
        Assert.Equal("Asia/Tokyo", (string)body["changes"]![0]!["job"]!["timeZone"]!);
        Assert.Equal(404, (await _api.GetAsync("planned")).Status);
    }

    [Fact]
    public async Task Apply_ChangedSincePlan_AbortedNamingTheResource()
    {
        var (_, created) = await _api.CreateAsync(_api.Job("moving", "http://127.0.0.1:9/one"));
        var planned = (string)created["userUpdateTime"]!;
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await _api.SendAsync(HttpMethod.Patch, _api.JobName("moving") + "?updateMask=description", """{"description":"someone else"}""");

        var (status, body) = await ApplyAsync(
        [
            CreateJob("other"),
            $$$$"""{"action":"UPDATE","name":"{{{{_api.JobName("moving")}}}}","expectedUpdateTime":"{{{{planned}}}}","job":{"schedule":"0 4 * * *","httpTarget":{"uri":"http://127.0.0.1:9/two"}}}""",
        ]);

        Assert.Equal(409, status);
        Assert.Equal("ABORTED", (string)body["error"]!["status"]!);
        Assert.Contains(_api.JobName("moving"), (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("changed since the plan", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(404, (await _api.GetAsync("other")).Status);
    }

    [Fact]
    public async Task Apply_MissingChannelReference_RefusedNamingTheField()
    {
        var (status, body) = await ApplyAsync([CreateJob("routed", extra: $$$""","belfry":{"notifyOnFailure":["nowhere"]}""")]);

        Assert.Equal(400, status);
        Assert.Equal(
            $"changes[0] ({_api.JobName("routed")}): belfry.notifyOnFailure: the channel {_api.Parent}/channels/nowhere does not exist, nor does the change set create it.",
            (string)body["error"]!["message"]!);
        Assert.Equal(404, (await _api.GetAsync("routed")).Status);
    }
}
