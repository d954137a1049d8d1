using Belfry.Core.Jobs;
using Belfry.Server.Dispatch;
using Belfry.Server.Telemetry;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Server.Tests.Pipelines;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Telemetry;

/// <summary>
/// <c>GET /metrics</c> after real deliveries: a real SQLite file, a real loopback target, the fake clock driving the
/// dispatcher; the values are read from the Prometheus text the SDK's exporter answers.
/// </summary>
[Collection(nameof(MetricsScrapes))]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string Location = "asia-northeast1";
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_AfterSuccessAndFailedAttempts_CountsByLabelsHistogramsGaugesAndStoreLatency()
    {
        _target.Respond = (request, _) => Task.FromResult(request.Path == "/bad" ? 500 : 204);
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("good-job", _target.Url("/good")))).Status);
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("bad-job", _target.Url("/bad"),
            extra: """ "retryConfig":{"retryCount":1,"minBackoffDuration":"10s"}"""))).Status);

        // Three seconds late: the catch-up fires the 06:00 occurrence now, so each first attempt is 3 s late.
        _server.Time.SetUtcNow(TokyoSixAm.AddSeconds(3));
        await _server.DispatchAsync();
        Assert.Equal(2, _target.Requests.Count);
        await RefreshGaugesAsync();

        var first = await ScrapeAsync();
        Assert.Equal(1, first.Value("belfry_job_attempt_count_total", ("location", Location), ("job_id", "good-job"), ("status", "SUCCESS")));
        Assert.Equal(1, first.Value("belfry_job_attempt_count_total", ("location", Location), ("job_id", "bad-job"), ("status", "FAILED")));
        Assert.Empty(first.Where("belfry_job_attempt_count_total", ("job_id", "good-job"), ("status", "FAILED")));
        Assert.Equal(1, first.Value("belfry_executions_outstanding"));
        Assert.Equal(1, first.Value("belfry_retries_pending"));
        Assert.Equal(2, first.Value("belfry_dispatch_lateness_seconds_count"));
        Assert.Equal(6, first.Value("belfry_dispatch_lateness_seconds_sum"), precision: 6);
        Assert.Equal(0, first.Value("belfry_dispatch_lateness_seconds_bucket", ("le", "2.5")));
        Assert.Equal(2, first.Value("belfry_dispatch_lateness_seconds_bucket", ("le", "5")));
        Assert.Equal(1, first.Value("belfry_attempt_duration_seconds_count", ("status", "SUCCESS")));
        Assert.Equal(1, first.Value("belfry_attempt_duration_seconds_count", ("status", "FAILED")));
        Assert.True(first.Value("belfry_store_operation_duration_seconds_count", ("engine", "sqlite"), ("operation", "RecordAttemptsAsync")) >= 1);

        // The retry, due 10 s after the first attempt, fails for good: nothing is outstanding any more.
        _server.Time.Advance(TimeSpan.FromSeconds(10));
        await _server.DispatchAsync();
        Assert.Equal(3, _target.Requests.Count);
        var (_, executions) = await _api.ExecutionsAsync("bad-job");
        Assert.Equal("FAILED", (string?)executions["executions"]![0]!["state"]);
        await RefreshGaugesAsync();

        var second = await ScrapeAsync();
        Assert.Equal(2, second.Value("belfry_job_attempt_count_total", ("location", Location), ("job_id", "bad-job"), ("status", "FAILED")));
        Assert.Equal(1, second.Value("belfry_job_attempt_count_total", ("location", Location), ("job_id", "good-job"), ("status", "SUCCESS")));
        Assert.Equal(0, second.Value("belfry_executions_outstanding"));
        Assert.Equal(0, second.Value("belfry_retries_pending"));
        Assert.Equal(3, second.Value("belfry_dispatch_lateness_seconds_count"));
        Assert.Equal(2, second.Value("belfry_attempt_duration_seconds_count", ("status", "FAILED")));
    }

    [Fact]
    public async Task Metrics_HundredThousandJobs_SeriesBoundedAndTotalsRight()
    {
        const int jobs = 100_000;
        var metrics = _server.Services.GetRequiredService<BelfryMetrics>();
        var outcome = new AttemptOutcome(TokyoSixAm, TimeSpan.FromMilliseconds(20), 503, null);
        for (var i = 0; i < jobs; i++)
        {
            metrics.AttemptSent(new JobName("test-project", Location, $"job-{i}"), outcome, TokyoSixAm);
        }

        var attempts = (await ScrapeAsync()).Where("belfry_job_attempt_count_total").ToList();

        // The default bound: 1,000 jobs keep their id, the 99,000 others share one series.
        Assert.Equal(1001, attempts.Count);
        Assert.Equal(jobs, attempts.Sum(s => s.Value));
        Assert.Equal(jobs - 1000, attempts.Single(s => s.Labels["job_id"] == JobSeries.Overflow).Value);
        Assert.All(attempts.Where(s => s.Labels["job_id"] != JobSeries.Overflow), s => Assert.Equal(1, s.Value));
        Assert.Equal(1000, attempts.Count(s => s.Labels["job_id"].StartsWith("job-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_MaxJobSeriesZero_NoJobLabelAndOneSeriesPerStatus()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Telemetry:MaxJobSeries"] = "0";
        var metrics = server.Services.GetRequiredService<BelfryMetrics>();
        for (var i = 0; i < 10; i++)
        {
            metrics.AttemptSent(new JobName("test-project", Location, $"job-{i}"), new AttemptOutcome(TokyoSixAm, TimeSpan.Zero, i % 2 == 0 ? 200 : 500, null), TokyoSixAm);
        }

        using var client = server.CreateClient();
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var attempts = PrometheusText.Parse(text).Where("belfry_job_attempt_count_total").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, s => Assert.False(s.Labels.ContainsKey("job_id")));
        Assert.Equal(5, attempts.Value("belfry_job_attempt_count_total", ("status", "SUCCESS")));
        Assert.Equal(5, attempts.Value("belfry_job_attempt_count_total", ("status", "FAILED")));
    }

    [Fact]
    public async Task Metrics_PipelineRunsEnded_CountedByOutcome()
    {
        _target.Respond = (request, _) => Task.FromResult(request.Path == "/step-bad" ? 500 : 200);
        Assert.Equal(200, (await _api.CreatePipelineAsync("ok-pipeline", PipelineApi.Step("only", _target.Url("/step-ok")))).Status);
        Assert.Equal(200, (await _api.CreatePipelineAsync("bad-pipeline", PipelineApi.Step("only", _target.Url("/step-bad")))).Status);
        Assert.Equal(200, (await _api.CreatePipelineAsync("cancelled-pipeline", PipelineApi.Step("only", _target.Url("/step-ok")))).Status);
        _server.Time.SetUtcNow(TokyoSixAm.AddHours(-1));
        var ok = PipelineApi.RunId((await _api.RunPipelineAsync("ok-pipeline")).Body);
        var bad = PipelineApi.RunId((await _api.RunPipelineAsync("bad-pipeline")).Body);
        await _server.DispatchAsync();
        var cancelled = PipelineApi.RunId((await _api.RunPipelineAsync("cancelled-pipeline")).Body);
        Assert.Equal(200, (await _api.ActOnRunAsync("cancelled-pipeline", cancelled, "cancel")).Status);

        Assert.Equal("SUCCEEDED", (string?)(await _api.GetRunAsync("ok-pipeline", ok)).Body["state"]);
        Assert.Equal("FAILED", (string?)(await _api.GetRunAsync("bad-pipeline", bad)).Body["state"]);
        Assert.Equal("CANCELLED", (string?)(await _api.GetRunAsync("cancelled-pipeline", cancelled)).Body["state"]);
        var samples = await ScrapeAsync();
        Assert.Equal(1, samples.Value("belfry_pipeline_runs_total", ("outcome", "succeeded")));
        Assert.Equal(1, samples.Value("belfry_pipeline_runs_total", ("outcome", "failed")));
        Assert.Equal(1, samples.Value("belfry_pipeline_runs_total", ("outcome", "cancelled")));
    }

    [Fact]
    public async Task Metrics_AdminTokenSet_OpenByDefaultAndGuardedWhenMetricsRequireToken()
    {
        await using var open = new BelfryServerFactory(adminToken: "s3cret-admin-token");
        using (var client = open.CreateClient())
        {
            using var scrape = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, scrape.StatusCode);
            using var api = await client.GetAsync(new Uri("/v1/projects/p/locations/l/jobs", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, api.StatusCode);
        }

        await using var guarded = new BelfryServerFactory(adminToken: "s3cret-admin-token");
        guarded.Settings["Belfry:Telemetry:MetricsRequireToken"] = "true";
        using var guardedClient = guarded.CreateClient();
        using (var refused = await guardedClient.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", "s3cret-admin-token");
        using var allowed = await guardedClient.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("belfry_executions_outstanding", await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ForeignHost_RefusedByTheRequestGuard()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "attacker.example";
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task RefreshGaugesAsync() =>
        _server.Services.GetRequiredService<BelfryMetrics>().Outstanding.RefreshAsync(TestContext.Current.CancellationToken);

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
