using System.Collections.Concurrent;
using Belfry.AspNetCore;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>
/// Issue 11, point 5: step jobs are stored under their own key (<c>jobs/{pipeline}/steps/{step}</c>), yet a target
/// built with the batch SDK still sees <c>{pipeline}-{step}</c>, so <c>RequireSucceeded("daily-pipeline-fetch")</c>
/// keeps gating merge on fetch (docs/pipelines.md, "How it works"). The real server in-process on its fake clock
/// delivers over loopback to a real Kestrel target that verifies its tokens with the SDK.
/// </summary>
public sealed class PipelineSdkGateTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private const string Audience = "https://pipeline.example";
    private const string Account = "scheduler@my-project.iam.gserviceaccount.com";
    private const string FetchJob = "projects/test-project/locations/asia-northeast1/jobs/daily-pipeline-fetch";
    private const string MergeJob = "projects/test-project/locations/asia-northeast1/jobs/daily-pipeline-merge";
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private readonly ConcurrentQueue<string> _work = new();
    private BatchTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        _target = await BatchTarget.StartAsync(_server, Issuer, Audience, app =>
        {
            // As docs/pipelines.md has it: fetch and merge at /pipeline/step1 and /pipeline/step2, merge gated on fetch.
            app.MapBatchJob("/pipeline/step1", (run, _) => Work("fetch", run, 10)).WithBatchJobName("daily-pipeline-fetch");
            app.MapBatchJob("/pipeline/step2", (run, _) => Work("merge", run, 20)).WithBatchJobName("daily-pipeline-merge")
                .RequireSucceeded("daily-pipeline-fetch");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task ScheduledRun_MergeRequiresSucceededFetch_EachStepWorksOnceAndTheRunSucceeds()
    {
        await CreatePipelineAsync();

        await CycleAtAsync(TokyoSixAm);
        await CycleAtAsync(TokyoSixAm);

        Assert.Equal("fetch=SUCCEEDED merge=SUCCEEDED", await RunStepStatesAsync());
        Assert.Equal([$"fetch {FetchJob} 2027-01-02", $"merge {MergeJob} 2027-01-02"], _work);
        Assert.Equal([("/pipeline/step1", 200, "succeeded"), ("/pipeline/step2", 200, "succeeded")], _target.Replies);
    }

    [Fact]
    public async Task UserJobNamedLikeTheStep_SucceededFirst_StepSharesItsLedgerRowAndTheGateIsMet()
    {
        // Allowed since step jobs moved to their own key: a user job called {pipeline}-{step}, on the same endpoint,
        // firing at 05:00 Tokyo, the same run date as the pipeline's 06:00 run.
        var (created, job) = await _api.CreateAsync(_api.Job("daily-pipeline-fetch", "", schedule: "0 5 * * *", target: Target("/pipeline/step1")));
        Assert.True(created == 200, job.ToJsonString());
        await CreatePipelineAsync();

        await CycleAtAsync(TokyoSixAm.AddHours(-1));
        Assert.Equal([$"fetch {FetchJob} 2027-01-02"], _work);

        await CycleAtAsync(TokyoSixAm);
        await CycleAtAsync(TokyoSixAm);

        // docs/pipelines.md: both send the same job name, so the step is answered "skipped" (the user job's run
        // succeeded for that run key) and RequireSucceeded("daily-pipeline-fetch") is satisfied by the user job.
        Assert.Equal("fetch=SUCCEEDED merge=SUCCEEDED", await RunStepStatesAsync());
        Assert.Equal([$"fetch {FetchJob} 2027-01-02", $"merge {MergeJob} 2027-01-02"], _work);
        Assert.Equal([("/pipeline/step1", 200, "succeeded"), ("/pipeline/step1", 200, "skipped"), ("/pipeline/step2", 200, "succeeded")],
            _target.Replies);

        // The scheduler still records the two apart: the user job has its one execution, not the step's.
        var (_, executions) = await _api.ExecutionsAsync("daily-pipeline-fetch");
        var execution = Assert.Single(executions["executions"]!.AsArray())!;
        Assert.Equal("SCHEDULED", (string?)execution["trigger"]);
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
    }

    private Task<BatchResult> Work(string step, BatchContext run, long rows)
    {
        _work.Enqueue($"{step} {run.JobFullName} {run.RunKey}");
        return Task.FromResult(BatchResult.Rows(rows));
    }

    private string Target(string path) =>
        $$$"""{"uri":"{{{_target.Url(path)}}}","oidcToken":{"serviceAccountEmail":"{{{Account}}}","audience":"{{{Audience}}}"}}""";

    private async Task CreatePipelineAsync()
    {
        var (status, body) = await _api.CreatePipelineAsync("daily-pipeline",
            $$"""{"id":"fetch","httpTarget":{{Target("/pipeline/step1")}}},""" +
            $$"""{"id":"merge","httpTarget":{{Target("/pipeline/step2")}},"dependsOn":["fetch"]}""");
        Assert.True(status == 200, body.ToJsonString());
    }

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
    }

    private async Task<string> RunStepStatesAsync()
    {
        var (_, runs) = await _api.ListRunsAsync("daily-pipeline");
        var run = Assert.Single(runs["runs"]!.AsArray())!;
        Assert.Equal("SUCCEEDED", (string?)run["state"]);
        return PipelineApi.StepStates(run);
    }
}
