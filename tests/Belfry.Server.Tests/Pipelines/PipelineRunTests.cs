using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>
/// Pipeline runs in-process: real SQLite, a real loopback target, the fake clock driven by the test. The article's
/// chain: fetch → merge → report, where merge fails until it is fixed.
/// </summary>
public sealed class PipelineRunTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _discord = await DiscordReceiver.StartAsync();
        _server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        _api = new ApiClient(_server.CreateClient());
        Assert.Equal(200, (await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL")).Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
        await _server.NotifyAsync();
    }

    private int Sent(string path) => _target.Requests.Count(r => r.Path == path);

    private async Task CreateChainAsync()
    {
        var (status, body) = await _api.CreatePipelineAsync("daily-pipeline",
            PipelineApi.Step("fetch", _target.Url("/pipeline/step1")) + "," +
            PipelineApi.Step("merge", _target.Url("/pipeline/step2"), "fetch", retryCount: 1) + "," +
            PipelineApi.Step("report", _target.Url("/pipeline/step3"), "merge"),
            extra: "\"belfry\":{\"notifyOnFailure\":[\"ops\"]}");
        Assert.True(status == 200, body.ToJsonString());
    }

    [Fact]
    public async Task FailingMiddleStep_FailsTheRun_NotifiesAndNeverSendsTheLastStep_ResumeRunsOnlyTheRest()
    {
        var fixedMerge = false;
        _target.Respond = (r, _) => Task.FromResult(r.Path == "/pipeline/step2" && !fixedMerge ? 500 : 200);
        await CreateChainAsync();

        // The scheduled run at 06:00 Tokyo: fetch, then merge (two attempts, 10s apart), then the run fails.
        await CycleAtAsync(TokyoSixAm);
        Assert.Equal(1, Sent("/pipeline/step1"));
        await CycleAtAsync(TokyoSixAm);
        Assert.Equal(1, Sent("/pipeline/step2"));
        await CycleAtAsync(TokyoSixAm.AddSeconds(10));
        Assert.Equal(2, Sent("/pipeline/step2"));
        await CycleAtAsync(TokyoSixAm.AddMinutes(5));

        var (_, runs) = await _api.ListRunsAsync("daily-pipeline");
        var run = Assert.Single(runs["runs"]!.AsArray())!;
        var runId = PipelineApi.RunId(run);
        Assert.Equal("FAILED", (string?)run["state"]);
        Assert.Equal("SCHEDULED", (string?)run["trigger"]);
        Assert.Equal("fetch=SUCCEEDED merge=FAILED report=NOT_RUN", PipelineApi.StepStates(run));
        Assert.Equal(2, (int?)run["steps"]![1]!["execution"]!["attemptCount"]);
        Assert.Equal(0, Sent("/pipeline/step3"));
        var notice = Assert.Single(_discord.Requests);
        Assert.Contains($"Pipeline daily-pipeline run {runId} failed at step merge; report not run.", System.Text.Encoding.UTF8.GetString(notice.Body), StringComparison.Ordinal);

        // Every step sees the run's schedule time and its pipeline, run and step; the job name lines up with the SDK's ledger.
        var first = _target.Requests[0];
        Assert.Equal("2027-01-02T06:00:00+09:00", first.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal("daily-pipeline-fetch", first.Header("X-CloudScheduler-JobName"));
        Assert.Equal("daily-pipeline", first.Header("X-Belfry-Pipeline"));
        Assert.Equal(runId, first.Header("X-Belfry-Pipeline-Run"));
        Assert.Equal("fetch", first.Header("X-Belfry-Step"));
        Assert.All(_target.Requests, r => Assert.Equal("2027-01-02T06:00:00+09:00", r.Header("X-CloudScheduler-ScheduleTime")));

        // Fixed: resume sends merge again and then report, never fetch.
        fixedMerge = true;
        var (status, resumed) = await _api.ActOnRunAsync("daily-pipeline", runId, "resume");
        Assert.Equal(200, status);
        Assert.Equal("RUNNING", (string?)resumed["state"]);
        Assert.Equal("fetch=SUCCEEDED merge=RUNNING report=PENDING", PipelineApi.StepStates(resumed));
        await CycleAtAsync(TokyoSixAm.AddMinutes(6));
        await CycleAtAsync(TokyoSixAm.AddMinutes(6));

        Assert.Equal(1, Sent("/pipeline/step1"));
        Assert.Equal(3, Sent("/pipeline/step2"));
        Assert.Equal(1, Sent("/pipeline/step3"));
        var (_, done) = await _api.GetRunAsync("daily-pipeline", runId);
        Assert.Equal("SUCCEEDED", (string?)done["state"]);
        Assert.Equal("fetch=SUCCEEDED merge=SUCCEEDED report=SUCCEEDED", PipelineApi.StepStates(done));
        Assert.Equal("2027-01-02T06:00:00+09:00", _target.Requests[^1].Header("X-CloudScheduler-ScheduleTime"));

        // A succeeded run cannot be resumed.
        var (conflict, error) = await _api.ActOnRunAsync("daily-pipeline", runId, "resume");
        Assert.Equal(400, conflict);
        Assert.Equal("FAILED_PRECONDITION", (string?)error["error"]!["status"]);
    }

    [Fact]
    public async Task FanOut_DispatchesIndependentStepsTogether_FanInWaitsForAll()
    {
        await _api.CreatePipelineAsync("fan",
            PipelineApi.Step("a", _target.Url("/a")) + "," + PipelineApi.Step("b", _target.Url("/b"), "a") + "," +
            PipelineApi.Step("c", _target.Url("/c"), "a") + "," + PipelineApi.Step("d", _target.Url("/d"), "b,c"));
        _server.Time.SetUtcNow(TokyoSixAm.AddHours(-1));
        var (_, run) = await _api.RunPipelineAsync("fan");
        Assert.Equal("MANUAL", (string?)run["trigger"]);

        await _server.DispatchAsync();
        Assert.Equal(["/a"], _target.Requests.Select(r => r.Path));
        await _server.DispatchAsync();
        Assert.Equal(["/b", "/c"], _target.Requests.Skip(1).Select(r => r.Path).Order());
        await _server.DispatchAsync();
        Assert.Equal("/d", _target.Requests[^1].Path);
        Assert.Equal(4, _target.Requests.Count);
        Assert.Equal("manual", _target.Requests[0].Header("X-Belfry-Trigger"));

        var (_, done) = await _api.GetRunAsync("fan", PipelineApi.RunId(run));
        Assert.Equal("SUCCEEDED", (string?)done["state"]);
    }

    [Fact]
    public async Task Overlap_ScheduledTimeWhileARunIsOutstanding_WaitsThenStartsOnce()
    {
        _target.Respond = (_, _) => Task.FromResult(500);
        var (status, body) = await _api.SendAsync(HttpMethod.Post, _api.Parent + "/pipelines", $$$"""
            {"name":"{{{_api.PipelineName("every-minute")}}}","schedule":"* * * * *","steps":[
              {"id":"only","httpTarget":{"uri":"{{{_target.Url("/only")}}}"},"retryConfig":{"retryCount":5,"minBackoffDuration":"300s"}}]}
            """);
        Assert.True(status == 200, body.ToJsonString());
        var start = new DateTimeOffset(2027, 1, 1, 0, 1, 0, TimeSpan.Zero);

        await CycleAtAsync(start);
        await CycleAtAsync(start.AddMinutes(1));
        await CycleAtAsync(start.AddMinutes(2));
        var (_, runs) = await _api.ListRunsAsync("every-minute");
        Assert.Single(runs["runs"]!.AsArray());
        Assert.Equal(1, Sent("/only"));

        // Cancelling the outstanding run lets the one coalesced time start.
        var runId = PipelineApi.RunId(runs["runs"]![0]!);
        var (_, cancelled) = await _api.ActOnRunAsync("every-minute", runId, "cancel");
        Assert.Equal("CANCELLED", (string?)cancelled["state"]);
        Assert.Equal("only=CANCELLED", PipelineApi.StepStates(cancelled));
        (_, runs) = await _api.ListRunsAsync("every-minute");
        Assert.Equal(2, runs["runs"]!.AsArray().Count);
        Assert.Equal("RUNNING", (string?)runs["runs"]![0]!["state"]);
        Assert.Equal("2027-01-01T00:03:00Z", (string?)runs["runs"]![0]!["scheduleTime"]);
    }

    [Theory]
    [InlineData("", "steps: a pipeline needs at least one step.")]
    [InlineData("""{"id":"a","httpTarget":{"uri":"http://x/"}},{"id":"a","httpTarget":{"uri":"http://x/"}}""", "steps: duplicate step id \"a\".")]
    [InlineData("""{"id":"a","httpTarget":{"uri":"http://x/"},"dependsOn":["fetch"]}""", "steps[a].dependsOn: unknown step \"fetch\".")]
    [InlineData("""{"id":"a","httpTarget":{"uri":"http://x/"},"dependsOn":["b"]},{"id":"b","httpTarget":{"uri":"http://x/"},"dependsOn":["a"]}""",
        "steps: dependsOn forms a cycle: a → b → a.")]
    [InlineData("""{"id":"a","httpTarget":{"uri":"ftp://x/"}}""", "steps[a].httpTarget.uri: must be an absolute http:// or https:// URI of at most 2083 characters, got \"ftp://x/\".")]
    public async Task Create_InvalidGraph_InvalidArgumentNamingTheProblem(string steps, string message)
    {
        var (status, error) = await _api.CreatePipelineAsync("bad", steps);

        Assert.Equal(400, status);
        Assert.Equal("INVALID_ARGUMENT", (string?)error["error"]!["status"]);
        Assert.Equal(message, (string?)error["error"]!["message"]);
    }

    [Fact]
    public async Task UserJobNamedLikeAStep_BothCreatedAndFireSeparately_TheTargetSeesTheSameJobName()
    {
        await CreateChainAsync();
        var (status, body) = await _api.CreateAsync(_api.Job("daily-pipeline-fetch", _target.Url("/mine")));
        Assert.True(status == 200, body.ToJsonString());

        var (_, jobs) = await _api.ListAsync();
        Assert.Equal(_api.JobName("daily-pipeline-fetch"), (string?)Assert.Single(jobs["jobs"]!.AsArray())!["name"]);

        // Both are due at 06:00 Tokyo: the user's job and the pipeline's first step each fire once, to their own targets.
        await CycleAtAsync(TokyoSixAm);
        Assert.Equal((1, 1), (Sent("/mine"), Sent("/pipeline/step1")));
        Assert.All(_target.Requests, r => Assert.Equal("daily-pipeline-fetch", r.Header("X-CloudScheduler-JobName")));
        var (_, executions) = await _api.ExecutionsAsync("daily-pipeline-fetch");
        Assert.Single(executions["executions"]!.AsArray());
        var (_, runs) = await _api.ListRunsAsync("daily-pipeline");
        var step = Assert.Single(runs["runs"]!.AsArray())!["steps"]![0]!["execution"]!;
        Assert.StartsWith(_api.JobName("daily-pipeline-fetch") + "/executions/", (string?)step["name"], StringComparison.Ordinal);

        // Deleting the job leaves the pipeline; deleting the pipeline leaves a job recreated under the same name.
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Delete, _api.JobName("daily-pipeline-fetch"))).Status);
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Get, _api.PipelineName("daily-pipeline"))).Status);
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("daily-pipeline-fetch", _target.Url("/mine")))).Status);
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Delete, _api.PipelineName("daily-pipeline"))).Status);
        Assert.Equal(200, (await _api.GetAsync("daily-pipeline-fetch")).Status);
    }

    [Fact]
    public async Task StepJobs_AreHiddenFromTheJobsApi_AndPipelineCrudWorks()
    {
        await CreateChainAsync();

        var (_, jobs) = await _api.ListAsync();
        Assert.Empty(jobs["jobs"]?.AsArray() ?? []);
        Assert.Equal(404, (await _api.GetAsync("daily-pipeline-fetch")).Status);
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Delete, _api.JobName("daily-pipeline-fetch"))).Status);

        var (_, got) = await _api.SendAsync(HttpMethod.Get, _api.PipelineName("daily-pipeline"));
        Assert.Equal("ENABLED", (string?)got["state"]);
        Assert.Equal("2027-01-01T21:00:00Z", (string?)got["scheduleTime"]);
        Assert.Equal("merge", (string?)got["steps"]![2]!["dependsOn"]![0]);
        var (_, paused) = await _api.SendAsync(HttpMethod.Post, _api.PipelineName("daily-pipeline") + ":pause", "{}");
        Assert.Equal("PAUSED", (string?)paused["state"]);
        var (_, patched) = await _api.SendAsync(HttpMethod.Patch, _api.PipelineName("daily-pipeline") + "?updateMask=description", """{"description":"nightly"}""");
        Assert.Equal("nightly", (string?)patched["description"]);
        var (_, list) = await _api.SendAsync(HttpMethod.Get, _api.Parent + "/pipelines");
        Assert.Single(list["pipelines"]!.AsArray());
        Assert.Equal(200, (await _api.SendAsync(HttpMethod.Delete, _api.PipelineName("daily-pipeline"))).Status);
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Get, _api.PipelineName("daily-pipeline"))).Status);
    }
}
