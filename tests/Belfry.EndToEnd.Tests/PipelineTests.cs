using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// The issue's three-step pipeline against a real <c>belfry serve</c>, driven by the real CLI: a middle step that
/// fails until fixed, then <c>runs resume</c>; and a <c>kill -9</c> in the middle of a run.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task FailingMiddleStep_RunFailsAndNotifies_ResumeAfterTheFixRunsOnlyTheRest()
    {
        var mergeFixed = false;
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/pipeline/step2" && !Volatile.Read(ref mergeFixed) ? 500 : 200);
        var channel = await BelfryAsync("channels", "create", "webhook", "ops", "--location=asia-northeast1", $"--webhook-url={_target.Url("/hook")}");
        Assert.True(channel.ExitCode == 0, channel.ToString());
        await CreatePipelineAsync("--notify-on-failure=ops");

        var run = await BelfryAsync("pipelines", "run", "daily-pipeline", "--location=asia-northeast1", "--format=json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var runId = ((string)JsonNode.Parse(run.Stdout)!["name"]!).Split('/')[^1];

        var failed = await WaitForRunAsync(runId, r => (string?)r["state"] == "FAILED");
        Assert.Equal("fetch=SUCCEEDED merge=FAILED report=NOT_RUN", StepStates(failed));
        await _target.WaitForRequestsAsync(3); // fetch, merge, and the failure notification
        Assert.Equal(0, Sent("/pipeline/step3"));
        Assert.Equal(1, Sent("/hook"));

        var list = await BelfryAsync("pipelines", "runs", "list", "daily-pipeline", "--location=asia-northeast1");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("FAILED", list.Stdout, StringComparison.Ordinal);

        Volatile.Write(ref mergeFixed, true);
        var resume = await BelfryAsync("pipelines", "runs", "resume", "daily-pipeline", runId, "--location=asia-northeast1");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        var done = await WaitForRunAsync(runId, r => (string?)r["state"] == "SUCCEEDED");

        Assert.Equal("fetch=SUCCEEDED merge=SUCCEEDED report=SUCCEEDED", StepStates(done));
        Assert.Equal(1, Sent("/pipeline/step1"));
        Assert.Equal(2, Sent("/pipeline/step2"));
        Assert.Equal(1, Sent("/pipeline/step3"));
        var steps = _target.Requests.Where(r => r.Path.StartsWith("/pipeline/", StringComparison.Ordinal)).ToList();
        Assert.Single(steps.Select(r => r.Header("X-CloudScheduler-ScheduleTime")).Distinct());
        Assert.All(steps, r => Assert.Equal(runId, r.Header("X-Belfry-Pipeline-Run")));
    }

    [Fact]
    public async Task Kill9_MidRun_RestartedServerFinishesTheRunWithoutRepeatingSucceededSteps()
    {
        var hold = new TaskCompletionSource();
        _target.Respond = async (r, aborted) =>
        {
            if (r.Path == "/pipeline/step2" && _target.Requests.Count(x => x.Path == "/pipeline/step2") == 1)
            {
                await hold.Task.WaitAsync(aborted);
            }

            return 200;
        };
        await CreatePipelineAsync();
        var run = await BelfryAsync("pipelines", "run", "daily-pipeline", "--location=asia-northeast1", "--format=json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var runId = ((string)JsonNode.Parse(run.Stdout)!["name"]!).Split('/')[^1];
        await _target.WaitForRequestsAsync(2); // fetch done, merge in flight

        await _server.KillAsync();
        await _server.DisposeAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
        var done = await WaitForRunAsync(runId, r => (string?)r["state"] == "SUCCEEDED");

        Assert.Equal("fetch=SUCCEEDED merge=SUCCEEDED report=SUCCEEDED", StepStates(done));
        Assert.Equal(1, Sent("/pipeline/step1"));
        Assert.Equal(2, Sent("/pipeline/step2"));
        Assert.Equal(1, Sent("/pipeline/step3"));
        var merges = _target.Requests.Where(r => r.Path == "/pipeline/step2").ToList();
        Assert.Equal(merges[0].Header("X-Belfry-Execution"), merges[1].Header("X-Belfry-Execution"));
        Assert.True(long.Parse(merges[1].Header("X-Belfry-Epoch"), System.Globalization.CultureInfo.InvariantCulture) >
                    long.Parse(merges[0].Header("X-Belfry-Epoch"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private int Sent(string path) => _target.Requests.Count(r => r.Path == path);

    private Task<CliResult> BelfryAsync(params string[] args) => BelfryBinary.RunAsync(_server.Endpoint, args);

    private async Task CreatePipelineAsync(params string[] extra)
    {
        // January 1st at midnight: never due while the test runs, so only `run` starts it.
        var result = await BelfryAsync(["pipelines", "create", "daily-pipeline", "--location=asia-northeast1", "--schedule=0 0 1 1 *",
            "--time-zone=Asia/Tokyo",
            $"--step=fetch,uri={_target.Url("/pipeline/step1")}",
            $"--step=merge,uri={_target.Url("/pipeline/step2")},depends-on=fetch",
            $"--step=report,uri={_target.Url("/pipeline/step3")},depends-on=merge", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static string StepStates(JsonNode run) =>
        string.Join(" ", run["steps"]!.AsArray().Select(s => $"{(string?)s!["id"]}={(string?)s["state"]}"));

    private async Task<JsonNode> WaitForRunAsync(string runId, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var result = await BelfryAsync("pipelines", "runs", "describe", "daily-pipeline", runId, "--location=asia-northeast1", "--format=json");
            last = result.ToString();
            if (result.ExitCode == 0 && JsonNode.Parse(result.Stdout) is { } node && condition(node))
            {
                return node;
            }
        }

        throw new TimeoutException("The run never reached the expected state; last:\n" + last);
    }
}
