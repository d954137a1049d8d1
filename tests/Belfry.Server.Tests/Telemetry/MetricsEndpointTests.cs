using Belfry.Core.Jobs;
using Belfry.Server.Dispatch;
using Belfry.Server.Telemetry;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Telemetry;

/// <summary>
/// <c>GET /metrics</c> after real deliveries: a real SQLite file, a real loopback target, the fake clock driving the
/// dispatcher; the values are read from the Prometheus text the SDK's exporter answers.
/// </summary>
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
