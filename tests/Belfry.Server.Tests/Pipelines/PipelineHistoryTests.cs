using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>
/// A step's history (issue 15): every execution of every step stays in the run after a resume, and a step's executions
/// are read by pipeline and step name. Real SQLite, a real loopback target, the fake clock driven by the test.
/// </summary>
public sealed class PipelineHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 20, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(start: Start);
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;
    private bool _mergeFixed;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/merge" && !_mergeFixed ? 500 : 200);
        _api = new ApiClient(_server.CreateClient());
        var (status, body) = await _api.CreatePipelineAsync("daily-pipeline",
            PipelineApi.Step("fetch", _target.Url("/fetch")) + "," + PipelineApi.Step("merge", _target.Url("/merge"), "fetch") + "," +
            PipelineApi.Step("report", _target.Url("/report"), "merge"));
        Assert.True(status == 200, body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    /// <summary>A manual run in which merge fails (no retries), then resumed once merge is fixed; the run's id.</summary>
    private async Task<string> FailThenResumeAsync()
    {
        var (_, run) = await _api.RunPipelineAsync("daily-pipeline");
        var runId = PipelineApi.RunId(run);
        await _server.DispatchAsync();
        await _server.DispatchAsync();
        var (_, failed) = await _api.GetRunAsync("daily-pipeline", runId);
        Assert.Equal("fetch=SUCCEEDED merge=FAILED report=NOT_RUN", PipelineApi.StepStates(failed));

        _mergeFixed = true;
        _server.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(200, (await _api.ActOnRunAsync("daily-pipeline", runId, "resume")).Status);
        await _server.DispatchAsync();
        await _server.DispatchAsync();
        return runId;
    }

    private static JsonNode Step(JsonNode run, string id) => run["steps"]!.AsArray().Single(s => (string?)s!["id"] == id)!;

    [Fact]
    public async Task GetRun_StepFailedBeforeAResume_ListsTheFailedExecutionBeforeTheCurrentOne()
    {
        var runId = await FailThenResumeAsync();

        var (status, run) = await _api.GetRunAsync("daily-pipeline", runId);

        Assert.Equal(200, status);
        Assert.Equal("SUCCEEDED", (string?)run["state"]);
        var merge = Step(run, "merge");
        var executions = merge["executions"]!.AsArray();
        Assert.Equal(["FAILED", "SUCCEEDED"], executions.Select(e => (string?)e!["state"]));
        Assert.Equal(500, (int?)executions[0]!["attempts"]![0]!["statusCode"]);
        Assert.Equal((string?)merge["execution"]!["name"], (string?)executions[1]!["name"]);
        Assert.NotEqual((string?)executions[0]!["name"], (string?)executions[1]!["name"]);

        // Steps sent once have one execution; so does the step that never ran before the resume.
        Assert.Single(Step(run, "fetch")["executions"]!.AsArray());
        Assert.Equal("SUCCEEDED", (string?)Assert.Single(Step(run, "report")["executions"]!.AsArray())!["state"]);

        // The list of runs shows the same history.
        var (_, runs) = await _api.ListRunsAsync("daily-pipeline");
        Assert.Equal(2, Step(runs["runs"]![0]!, "merge")["executions"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetRun_StepNotDispatchedYet_HasNoExecutions()
    {
        _target.Respond = (_, _) => Task.FromResult(200);
        var (_, run) = await _api.RunPipelineAsync("daily-pipeline");

        Assert.Single(Step(run, "fetch")["executions"]!.AsArray());
        Assert.Null(Step(run, "merge")["executions"]);
        Assert.Null(Step(run, "merge")["execution"]);
    }

    [Fact]
    public async Task StepExecutions_AfterFailureAndResume_ListsBothNewestFirstAcrossRuns()
    {
        var runId = await FailThenResumeAsync();
        await _api.RunPipelineAsync("daily-pipeline");
        await _server.DispatchAsync();
        await _server.DispatchAsync();

        var (status, page) = await _api.StepExecutionsAsync("daily-pipeline", "merge");

        Assert.Equal(200, status);
        var executions = page["executions"]!.AsArray();
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "FAILED"], executions.Select(e => (string?)e!["state"]));
        Assert.All(executions, e => Assert.StartsWith(_api.JobName("daily-pipeline-merge") + "/executions/", (string?)e!["name"], StringComparison.Ordinal));
        var (_, run) = await _api.GetRunAsync("daily-pipeline", runId);
        Assert.Equal((string?)Step(run, "merge")["executions"]![0]!["name"], (string?)executions[2]!["name"]);

        // Paged as a job's executions are.
        var (_, first) = await _api.StepExecutionsAsync("daily-pipeline", "merge", "?pageSize=2");
        Assert.Equal(2, first["executions"]!.AsArray().Count);
        var (_, second) = await _api.StepExecutionsAsync("daily-pipeline", "merge", $"?pageSize=2&pageToken={Uri.EscapeDataString((string)first["nextPageToken"]!)}");
        Assert.Equal((string?)executions[2]!["name"], (string?)Assert.Single(second["executions"]!.AsArray())!["name"]);
    }

    [Fact]
    public async Task StepExecutions_UnknownStepOrPipeline_NotFoundNamingTheSteps()
    {
        var (status, error) = await _api.StepExecutionsAsync("daily-pipeline", "merj");
        Assert.Equal(404, status);
        Assert.Equal(
            $"Step merj not found in pipeline {_api.PipelineName("daily-pipeline")}; its steps are fetch, merge, report.",
            (string?)error["error"]!["message"]);

        (status, error) = await _api.StepExecutionsAsync("nightly", "merge");
        Assert.Equal(404, status);
        Assert.Equal($"Pipeline {_api.PipelineName("nightly")} not found.", (string?)error["error"]!["message"]);
    }

    [Fact]
    public async Task JobExecutions_StepJobName_NotFoundPointingToTheStepsRoute()
    {
        var (status, error) = await _api.ExecutionsAsync("daily-pipeline-merge");

        Assert.Equal(404, status);
        Assert.Equal(
            $"Job {_api.JobName("daily-pipeline-merge")} not found. daily-pipeline-merge is step merge of pipeline daily-pipeline: read its " +
            "executions with `belfry pipelines steps executions daily-pipeline merge` " +
            $"(GET /v1/{_api.PipelineName("daily-pipeline")}/steps/merge/executions).",
            (string?)error["error"]!["message"]);

        // A name that is no step stays a plain NOT_FOUND; a user's job of that name answers its own executions.
        (status, error) = await _api.ExecutionsAsync("daily-pipeline-merj");
        Assert.Equal((404, $"Job {_api.JobName("daily-pipeline-merj")} not found."), (status, (string?)error["error"]!["message"]));
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("daily-pipeline-merge", _target.Url("/mine")))).Status);
        (status, var page) = await _api.ExecutionsAsync("daily-pipeline-merge");
        Assert.Equal(200, status);
        Assert.Empty(page["executions"]?.AsArray() ?? []);
    }
}
