using System.Text;
using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>
/// A pipeline's own notifications (issue 15): a run that fails at a step, naming the steps that will not run, and its
/// recovery once resumed. Real SQLite, a real loopback target and a real loopback webhook receiver (JSON body).
/// </summary>
public sealed class PipelineNotificationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 20, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(start: Start);
    private RecordingTarget _target = null!;
    private RecordingTarget _hook = null!;
    private ApiClient _api = null!;
    private bool _mergeFixed;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/merge" && !_mergeFixed ? 500 : 200);
        _hook = await RecordingTarget.StartAsync();
        _hook.Respond = (_, _) => Task.FromResult(204);
        _api = new ApiClient(_server.CreateClient());
        Assert.Equal(200, (await _api.CreateChannelAsync("ops", "WEBHOOK", _hook.Url("/hook"))).Status);
        var (status, body) = await _api.CreatePipelineAsync("daily-pipeline",
            PipelineApi.Step("fetch", _target.Url("/fetch")) + "," + PipelineApi.Step("merge", _target.Url("/merge"), "fetch") + "," +
            PipelineApi.Step("report", _target.Url("/report"), "merge") + "," + PipelineApi.Step("publish", _target.Url("/publish"), "report"),
            extra: "\"belfry\":{\"notifyOnFailure\":[\"ops\"]}");
        Assert.True(status == 200, body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _hook.DisposeAsync();
    }

    private async Task CycleAsync()
    {
        await _server.DispatchAsync();
        await _server.NotifyAsync();
    }

    private JsonNode Message(int index) => JsonNode.Parse(Encoding.UTF8.GetString(_hook.Requests[index].Body))!;

    [Fact]
    public async Task StepFails_ThenResumedRunSucceeds_RunFailedNamingTheStepsNotRun_ThenRecovered()
    {
        var (_, run) = await _api.RunPipelineAsync("daily-pipeline");
        var runId = PipelineApi.RunId(run);
        await CycleAsync();
        await CycleAsync();

        var failed = Message(0);
        Assert.Equal("pipeline.run_failed", _hook.Requests[0].Header("X-Belfry-Event-Type"));
        Assert.Equal("Pipeline failed: daily-pipeline", (string?)failed["title"]);
        Assert.StartsWith($"Pipeline daily-pipeline run {runId} failed at step merge; report, publish not run. ", (string?)failed["text"], StringComparison.Ordinal);
        Assert.Contains("merge failed after 1 attempt. Last answer: HTTP 500.", (string?)failed["text"], StringComparison.Ordinal);
        var pipeline = failed["pipeline"]!;
        Assert.Equal(
            (_api.PipelineName("daily-pipeline"), $"{_api.PipelineName("daily-pipeline")}/runs/{runId}", "merge", "report publish"),
            ((string?)pipeline["name"], (string?)pipeline["run"], (string?)pipeline["failedStep"],
             string.Join(" ", pipeline["notRun"]!.AsArray().Select(s => (string?)s))));
        Assert.Equal(500, (int?)failed["execution"]!["statusCode"]);
        Assert.Single(_hook.Requests);

        _mergeFixed = true;
        _server.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(200, (await _api.ActOnRunAsync("daily-pipeline", runId, "resume")).Status);
        await CycleAsync();
        await CycleAsync();
        await CycleAsync();

        var (_, done) = await _api.GetRunAsync("daily-pipeline", runId);
        Assert.Equal("SUCCEEDED", (string?)done["state"]);
        Assert.Equal(2, _hook.Requests.Count);
        var recovered = Message(1);
        Assert.Equal("pipeline.run_recovered", _hook.Requests[1].Header("X-Belfry-Event-Type"));
        Assert.Equal("Pipeline recovered: daily-pipeline", (string?)recovered["title"]);
        Assert.StartsWith($"Pipeline daily-pipeline run {runId} succeeded after a resume", (string?)recovered["text"], StringComparison.Ordinal);
        Assert.Equal("ok", (string?)recovered["severity"]);
    }

    [Fact]
    public async Task RunSucceedsFirstTime_NoMessage()
    {
        _mergeFixed = true;
        await _api.RunPipelineAsync("daily-pipeline");
        for (var i = 0; i < 4; i++)
        {
            await CycleAsync();
        }

        Assert.Equal(4, _target.Requests.Count);
        Assert.Empty(_hook.Requests);
    }
}
