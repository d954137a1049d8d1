using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Server.Tests.Pipelines;
using Belfry.Testing;

namespace Belfry.Server.Tests.Egress;

/// <summary>
/// The egress policy on real connections (issue 10, H2): jobs, pipeline steps and a channel's <c>:test</c> against
/// loopback stand-ins. Linux routes all of 127.0.0.0/8 to loopback, so a target on 127.0.0.2 is "another host".
/// The API already refuses a denied literal address, so what must be refused at connect time is created first by a
/// server without the policy on the same data directory: the policy tightened after the job was made.
/// </summary>
public sealed class EgressConnectorTests : IAsyncLifetime
{
    private const string DeniedRange = "egress denied: the address is in a denied range";
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-tests", Guid.NewGuid().ToString("N"));
    private BelfryServerFactory _server = null!;
    private RecordingTarget _allowed = null!;
    private RecordingTarget _denied = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _allowed = await RecordingTarget.StartAsync();
        _denied = await RecordingTarget.StartAsync("127.0.0.2");
    }

    /// <summary>Creates with every address allowed, then starts the server under test with 127.0.0.2 denied.</summary>
    private async Task StartAsync(Func<ApiClient, Task> create)
    {
        await using (var open = new BelfryServerFactory(_dataDirectory))
        {
            open.Settings["Belfry:Egress:Allow:0"] = "0.0.0.0/0";
            await create(new ApiClient(open.CreateClient()));
        }

        _server = new BelfryServerFactory(_dataDirectory);
        _server.Settings["Belfry:Egress:Deny:0"] = "127.0.0.2/32";
        _api = new ApiClient(_server.CreateClient());
    }

    private Task StartAsync() => StartAsync(_ => Task.CompletedTask);

    private static async Task CreatedAsync(Task<(int Status, JsonNode Body)> call)
    {
        var (status, body) = await call;
        Assert.True(status == 200, body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _allowed.DisposeAsync();
        await _denied.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_DeniedLiteralAddress_RefusedWithReasonAndNothingSent()
    {
        await StartAsync(api => CreatedAsync(api.CreateAsync(api.Job("denied", _denied.Url("/sync")))));

        var attempt = await DispatchOnceAsync("denied");

        Assert.Equal(DeniedRange, (string?)attempt["error"]);
        Assert.Null(attempt["statusCode"]);
        Assert.Empty(_denied.Requests);
        var (_, job) = await _api.GetAsync("denied");
        Assert.Equal(14, (int?)job["status"]!["code"]);
    }

    [Fact]
    public async Task Dispatch_AllowedAddress_Delivered()
    {
        await StartAsync();
        await CreatedAsync(_api.CreateAsync(_api.Job("allowed", _allowed.Url("/sync"))));

        var attempt = await DispatchOnceAsync("allowed");

        Assert.Equal(200, (int?)attempt["statusCode"]);
        Assert.Single(_allowed.Requests);
    }

    [Fact]
    public async Task Dispatch_NameResolvingToDeniedAddresses_Refused()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Egress:Deny:0"] = "127.0.0.1/32";
        server.Settings["Belfry:Egress:Deny:1"] = "::1/128";
        var api = new ApiClient(server.CreateClient());
        var port = new Uri(_allowed.BaseUrl).Port;
        await api.CreateAsync(api.Job("by-name", $"http://localhost:{port}/sync"));

        server.Time.SetUtcNow(TokyoSixAm);
        await server.DispatchAsync();

        var (_, list) = await api.ExecutionsAsync("by-name");
        Assert.Equal(DeniedRange, (string?)list["executions"]![0]!["attempts"]![0]!["error"]);
        Assert.Empty(_allowed.Requests);
    }

    [Fact]
    public async Task Dispatch_RedirectToDeniedAddress_DeniedTargetReceivesNothing()
    {
        await StartAsync();
        _allowed.Reply = (_, _) => Task.FromResult(new TargetReply(307, Headers: new Dictionary<string, string> { ["Location"] = _denied.Url("/sync") }));
        await CreatedAsync(_api.CreateAsync(_api.Job("bounced", _allowed.Url("/start"))));

        var attempt = await DispatchOnceAsync("bounced");

        Assert.Equal(DeniedRange, (string?)attempt["error"]);
        Assert.Single(_allowed.Requests);
        Assert.Empty(_denied.Requests);
    }

    [Fact]
    public async Task Dispatch_DefaultMetadataAddress_RefusedWithReason()
    {
        // Refused before any packet leaves: no metadata service is needed for the test.
        await StartAsync(api => CreatedAsync(api.CreateAsync(api.Job("metadata", "http://169.254.169.254/computeMetadata/v1/"))));

        var attempt = await DispatchOnceAsync("metadata");

        Assert.Equal("egress denied: link-local and cloud metadata addresses are denied", (string?)attempt["error"]);
    }

    [Fact]
    public async Task Dispatch_PipelineStepToDeniedAddress_StepRefusedWithReason()
    {
        await StartAsync(api => CreatedAsync(api.CreatePipelineAsync("chain", PipelineApi.Step("fetch", _denied.Url("/pipeline/step1")))));
        Assert.Equal(200, (await _api.RunPipelineAsync("chain")).Status);

        await _server.DispatchAsync();

        var (_, runs) = await _api.ListRunsAsync("chain");
        var step = runs["runs"]![0]!["steps"]![0]!;
        Assert.Equal(DeniedRange, (string?)step["execution"]!["attempts"]![0]!["error"]);
        Assert.Empty(_denied.Requests);
    }

    [Fact]
    public async Task Test_ChannelAtDeniedAddress_NotDeliveredWithReason()
    {
        await StartAsync(api => CreatedAsync(api.CreateChannelAsync("hook", "WEBHOOK", _denied.Url("/hook"))));

        var (status, result) = await _api.SendAsync(HttpMethod.Post, _api.Parent + "/channels/hook:test", "{}");

        Assert.Equal(200, status);
        Assert.False((bool)result["delivered"]!);
        Assert.Equal($"Not delivered: {DeniedRange}.", (string?)result["error"]);
        Assert.Empty(_denied.Requests);
    }

    [Fact]
    public async Task Create_JobPipelineOrChannelAtDeniedLiteralAddress_InvalidArgumentNamingTheFieldStoreUnchanged()
    {
        await StartAsync();
        var before = (await _api.SnapshotAsync(), await _api.SendAsync(HttpMethod.Get, _api.Parent + "/channels"),
            await _api.SendAsync(HttpMethod.Get, _api.Parent + "/pipelines"));

        await AssertRefusedAsync(_api.CreateAsync(_api.Job("denied", _denied.Url("/sync"))), "httpTarget.uri: " + DeniedRange);
        await AssertRefusedAsync(_api.CreateAsync(_api.Job("metadata", "http://[::ffff:169.254.169.254]/")),
            "httpTarget.uri: egress denied: link-local and cloud metadata addresses are denied");
        await AssertRefusedAsync(_api.CreatePipelineAsync("chain", PipelineApi.Step("fetch", _denied.Url("/step1"))), "steps[fetch].httpTarget.uri: " + DeniedRange);
        await AssertRefusedAsync(_api.CreateChannelAsync("hook", "WEBHOOK", _denied.Url("/hook")), "webhookUrl: " + DeniedRange);

        var after = (await _api.SnapshotAsync(), await _api.SendAsync(HttpMethod.Get, _api.Parent + "/channels"),
            await _api.SendAsync(HttpMethod.Get, _api.Parent + "/pipelines"));
        Assert.Equal((before.Item1, before.Item2.Body.ToJsonString(), before.Item3.Body.ToJsonString()),
            (after.Item1, after.Item2.Body.ToJsonString(), after.Item3.Body.ToJsonString()));
        Assert.Empty(_denied.Requests);
    }

    private static async Task AssertRefusedAsync(Task<(int Status, JsonNode Body)> call, string message)
    {
        var (status, body) = await call;
        Assert.Equal((400, "INVALID_ARGUMENT"), (status, (string?)body["error"]!["status"]));
        Assert.StartsWith(message, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    private async Task<JsonNode> DispatchOnceAsync(string id)
    {
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();
        var (_, list) = await _api.ExecutionsAsync(id);
        return Assert.Single(list["executions"]!.AsArray())!["attempts"]![0]!;
    }
}
