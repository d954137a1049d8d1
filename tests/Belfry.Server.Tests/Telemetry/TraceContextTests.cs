using System.Diagnostics;
using Belfry.AspNetCore;
using Belfry.Server.Telemetry;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Server.Tests.Pipelines;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Belfry.Server.Tests.Telemetry;

/// <summary>
/// Issue 13, point 2: a span per attempt, its W3C <c>traceparent</c> sent to the target, and a handler built with
/// Belfry.AspNetCore joining that trace. The real server in-process delivers over loopback to a real Kestrel target;
/// each side has its own tracer provider with an in-memory exporter (the server's listens to <c>Belfry</c>, the
/// target's to <c>Belfry.AspNetCore</c>). Listeners are process-wide, so spans are picked by this class's own job and
/// pipeline names and by trace id.
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private const string Audience = "https://traced.example";
    private const string Account = "scheduler@my-project.iam.gserviceaccount.com";
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private readonly List<Activity> _serverSpans = [];
    private readonly List<Activity> _targetSpans = [];
    private TracerProvider _serverTracing = null!;
    private TracerProvider _targetTracing = null!;
    private BatchTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _serverTracing = Sdk.CreateTracerProviderBuilder().AddSource(BelfryActivities.SourceName).AddInMemoryExporter(_serverSpans).Build()!;
        _targetTracing = Sdk.CreateTracerProviderBuilder().AddSource(BelfryBatchTelemetry.ActivitySourceName).AddInMemoryExporter(_targetSpans).Build()!;
        _api = new ApiClient(_server.CreateClient());
        _target = await BatchTarget.StartAsync(_server, Issuer, Audience, app =>
        {
            app.MapBatchJob("/ok", (_, _) => Task.FromResult(BatchResult.Rows(3))).WithBatchJobName("traced-ok");
            app.MapBatchJob("/broken", (_, _) => throw new InvalidOperationException("the warehouse is down")).WithBatchJobName("traced-broken");
            app.MapBatchJob("/fetch", (_, _) => Task.FromResult(BatchResult.Rows(1))).WithBatchJobName("traced-pipeline-fetch");
            app.MapBatchJob("/merge", (_, _) => Task.FromResult(BatchResult.Rows(2))).WithBatchJobName("traced-pipeline-merge");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        _serverTracing.Dispose();
        _targetTracing.Dispose();
    }

    [Fact]
    public async Task Attempt_TargetBuiltWithSdk_HandlerSpanIsChildOfTheAttemptSpan()
    {
        var (attempt, handler) = await RunOnceAsync("traced-ok", "/ok");

        Assert.Equal(ActivityKind.Client, attempt.Kind);
        Assert.Equal(ActivityStatusCode.Ok, attempt.Status);
        Assert.Equal("asia-northeast1", attempt.GetTagItem("belfry.location"));
        Assert.Equal(1, attempt.GetTagItem("belfry.attempt"));
        Assert.Equal(1L, attempt.GetTagItem("belfry.epoch"));
        Assert.Equal(200, attempt.GetTagItem("http.response.status_code"));
        var execution = Assert.IsType<string>(attempt.GetTagItem("belfry.execution"));
        var (_, executions) = await _api.ExecutionsAsync("traced-ok");
        Assert.EndsWith("/" + execution, (string?)executions["executions"]![0]!["name"]);
        Assert.Equal(attempt.SpanId, handler.ParentSpanId);
        Assert.Equal(ActivityKind.Server, handler.Kind);
        Assert.Equal("succeeded", handler.GetTagItem("belfry.batch.status"));
        Assert.Equal(execution, handler.GetTagItem("belfry.execution"));
    }

    [Fact]
    public async Task Attempt_TargetWithAspNetCoreTracing_HandlerSpanIsChildOfTheRequestSpanInTheAttemptsTrace()
    {
        // As an app that adds ASP.NET Core's instrumentation: the host makes a request activity from traceparent.
        var hostSpans = new List<Activity>();
        using var hostTracing = Sdk.CreateTracerProviderBuilder().AddSource("Microsoft.AspNetCore").AddInMemoryExporter(hostSpans).Build();
        var (attempt, handler) = await RunOnceAsync("traced-ok", "/ok");

        var request = Assert.Single(hostSpans, s => s.TraceId == attempt.TraceId);
        Assert.Equal(attempt.SpanId, request.ParentSpanId);
        Assert.Equal(request.SpanId, handler.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, handler.Kind);
    }

    [Fact]
    public async Task Attempt_HandlerFails_BothSpansHaveStatusError()
    {
        var (attempt, handler) = await RunOnceAsync("traced-broken", "/broken");

        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal(500, attempt.GetTagItem("http.response.status_code"));
        Assert.Equal("500", attempt.GetTagItem("error.type"));
        Assert.Equal(attempt.SpanId, handler.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, handler.Status);
        Assert.Equal("failed", handler.GetTagItem("belfry.batch.status"));
    }

    [Fact]
    public async Task PipelineRun_TwoSteps_StepAttemptsAndTheRunSpanShareTheRunsTrace()
    {
        var (created, body) = await _api.CreatePipelineAsync("traced-pipeline",
            $$"""{"id":"fetch","httpTarget":{{Target("/fetch")}}},""" +
            $$"""{"id":"merge","httpTarget":{{Target("/merge")}},"dependsOn":["fetch"]}""");
        Assert.True(created == 200, body.ToJsonString());
        var started = _server.Time.GetUtcNow();

        var (_, run) = await _api.RunPipelineAsync("traced-pipeline");
        var runId = PipelineApi.RunId(run);
        await _server.DispatchAsync();
        _server.Time.Advance(TimeSpan.FromSeconds(5));
        await _server.DispatchAsync();

        var traceId = BelfryActivities.RunTraceId($"{_api.PipelineName("traced-pipeline")}/runs/{runId}");
        var steps = _serverSpans.Where(s => s.TraceId == traceId && s.OperationName == "belfry.attempt").ToList();
        Assert.Equal(["fetch", "merge"], steps.Select(s => (string?)s.GetTagItem("belfry.step")).Order());
        Assert.All(steps, s => Assert.Equal(runId, s.GetTagItem("belfry.pipeline_run")));
        Assert.Equal(2, _targetSpans.Count(s => s.TraceId == traceId && steps.Any(step => step.SpanId == s.ParentSpanId)));

        var runSpan = Assert.Single(_serverSpans, s => s.TraceId == traceId && s.OperationName == "belfry.pipeline_run");
        Assert.Equal("SUCCEEDED", runSpan.GetTagItem("belfry.run_state"));
        Assert.Equal(ActivityStatusCode.Ok, runSpan.Status);
        Assert.Equal(started.UtcDateTime, runSpan.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(5), runSpan.Duration);
    }

    /// <summary>Creates the job, runs it once, and returns its one attempt span and the SDK's span in that trace.</summary>
    private async Task<(Activity Attempt, Activity Handler)> RunOnceAsync(string job, string path)
    {
        await CreateJobAsync(job, path);
        await _api.ActAsync(job, "run");
        await _server.DispatchAsync();

        var attempt = Assert.Single(_serverSpans, s => s.OperationName == "belfry.attempt" && (string?)s.GetTagItem("belfry.job") == job);
        return (attempt, Assert.Single(_targetSpans, s => s.TraceId == attempt.TraceId));
    }

    private string Target(string path) =>
        $$$"""{"uri":"{{{_target.Url(path)}}}","oidcToken":{"serviceAccountEmail":"{{{Account}}}","audience":"{{{Audience}}}"}}""";

    private async Task CreateJobAsync(string id, string path)
    {
        var (status, job) = await _api.CreateAsync(_api.Job(id, "", target: Target(path)));
        Assert.True(status == 200, job.ToJsonString());
    }
}
