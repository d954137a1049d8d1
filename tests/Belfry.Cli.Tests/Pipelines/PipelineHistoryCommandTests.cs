using System.Text.Json.Nodes;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Pipelines;

/// <summary>
/// A step's history through the CLI against a real server (issue 15): a step fails, the run is resumed, and
/// <c>runs describe</c> and <c>steps executions</c> show both executions; <c>jobs executions</c> of the step's job name
/// points to <c>steps executions</c>. The target is a real loopback server; the test drives the dispatcher's cycles.
/// </summary>
public sealed class PipelineHistoryCommandTests : IAsyncLifetime
{
    private LiveServer _server = null!;
    private RecordingServer _target = null!;
    private Dictionary<string, string> _variables = null!;
    private bool _mergeFixed;

    public async ValueTask InitializeAsync()
    {
        _server = await LiveServer.StartAsync();
        _target = await RecordingServer.StartAsync();
        _target.Responder = r => (r.Path == "/merge" && !_mergeFixed ? 500 : 200, "{}");
        _variables = new() { ["BELFRY_ENDPOINT"] = _server.Endpoint };
    }

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<CliRun> BelfryAsync(params string[] args)
    {
        var run = await CliHarness.RunAsync(args, _variables);
        Assert.True(run.ExitCode == 0, run.Error);
        return run;
    }

    /// <summary>fetch → merge → report, merge failing (no retries) until fixed: a run that fails at merge, resumed and succeeded.</summary>
    private async Task<string> FailThenResumeAsync()
    {
        await BelfryAsync("pipelines", "create", "daily-pipeline", "--schedule=0 6 * * *", "--time-zone=Asia/Tokyo",
            $"--step=fetch,uri={_target.Endpoint}/fetch", $"--step=merge,uri={_target.Endpoint}/merge,depends-on=fetch",
            $"--step=report,uri={_target.Endpoint}/report,depends-on=merge");
        var started = await BelfryAsync("pipelines", "run", "daily-pipeline", "--format=json");
        var runId = ((string)JsonNode.Parse(started.Out)!["name"]!).Split('/')[^1];
        await _server.DispatchAsync();
        await _server.DispatchAsync();
        var failed = await BelfryAsync("pipelines", "runs", "list", "daily-pipeline");
        Assert.Contains("fetch=SUCCEEDED merge=FAILED report=NOT_RUN", failed.Out, StringComparison.Ordinal);

        _mergeFixed = true;
        await BelfryAsync("pipelines", "runs", "resume", "daily-pipeline", runId);
        await _server.DispatchAsync();
        await _server.DispatchAsync();
        return runId;
    }

    [Fact]
    public async Task RunsDescribe_AfterFailureAndResume_ShowsTheFailedAndTheNewExecutionOfTheStep()
    {
        var runId = await FailThenResumeAsync();

        var yaml = await BelfryAsync("pipelines", "runs", "describe", "daily-pipeline", runId);
        var json = await BelfryAsync("pipelines", "runs", "describe", "daily-pipeline", runId, "--format=json");

        var run = JsonNode.Parse(json.Out)!;
        Assert.Equal("SUCCEEDED", (string?)run["state"]);
        var merge = run["steps"]!.AsArray().Single(s => (string?)s!["id"] == "merge")!;
        var executions = merge["executions"]!.AsArray();
        Assert.Equal(["FAILED", "SUCCEEDED"], executions.Select(e => (string?)e!["state"]));
        Assert.Equal(500, (int?)executions[0]!["attempts"]![0]!["statusCode"]);
        Assert.Contains("executions:\n", yaml.Out, StringComparison.Ordinal);
        Assert.Contains("state: FAILED\n", yaml.Out, StringComparison.Ordinal);
        Assert.Contains(((string)executions[0]!["name"]!).Split('/')[^1], yaml.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsExecutions_AfterFailureAndResume_ListsBothNewestFirst()
    {
        await FailThenResumeAsync();

        var table = await BelfryAsync("pipelines", "steps", "executions", "daily-pipeline", "merge");
        var json = await BelfryAsync("pipelines", "steps", "executions", "daily-pipeline", "merge", "--format=json");

        Assert.Equal(["SUCCEEDED", "FAILED"], JsonNode.Parse(json.Out)!.AsArray().Select(e => (string?)e!["state"]));
        var rows = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Contains("SUCCEEDED", rows[1], StringComparison.Ordinal);
        Assert.Contains("FAILED", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsExecutions_StepJobName_ErrorNamesTheStepsCommand()
    {
        await FailThenResumeAsync();

        var run = await CliHarness.RunAsync(["scheduler", "jobs", "executions", "daily-pipeline-merge"], _variables);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("NOT_FOUND", run.Error, StringComparison.Ordinal);
        Assert.Contains("daily-pipeline-merge is step merge of pipeline daily-pipeline: read its executions with " +
            "`belfry pipelines steps executions daily-pipeline merge`", run.Error, StringComparison.Ordinal);

        var unknown = await CliHarness.RunAsync(["pipelines", "steps", "executions", "daily-pipeline", "merj"], _variables);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("Step merj not found in pipeline projects/default/locations/", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("its steps are fetch, merge, report.", unknown.Error, StringComparison.Ordinal);
    }
}
