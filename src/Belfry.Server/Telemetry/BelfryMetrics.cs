using System.Diagnostics.Metrics;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> named <c>Belfry</c> (STYLE, "Code") and the server's instruments on it; the store's
/// (transaction latency, pipeline runs ended) are on the same Meter, made by Belfry.Storage.Sql's StoreMetrics.
/// </summary>
internal sealed class BelfryMetrics
{
    public const string MeterName = "Belfry";

    // From a request that leaves on time (arming ahead makes that the rule) to a backlog after downtime.
    private static readonly IReadOnlyList<double> LatenessBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    // attemptDeadline spans 15 s to 30 min.
    private static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600, 1800];

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _duration;

    public BelfryMetrics(IMeterFactory meterFactory, IOptions<TelemetryOptions> options, Lazy<IExecutionStore> executions, TimeProvider time, ILogger<BelfryMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        Meter = meterFactory.Create(MeterName);
        Jobs = new JobSeries(options.Value.MaxJobSeries);
        Outstanding = new OutstandingGauges(executions, time, options.Value.GaugeRefreshInterval, logger);
        NotificationsDelivered = Meter.CreateCounter<long>("belfry.notifications.delivered", "{notification}",
            "Notifications a channel accepted (2xx).");
        NotificationsFailed = Meter.CreateCounter<long>("belfry.notifications.failed", "{notification}",
            "Notifications given up: refused for good, channel gone, or retry bound reached. Tagged by channel type and reason.");

        // Cloud Scheduler's job/attempt_count, label for label: the alert condition
        // metric.type="cloudscheduler.googleapis.com/job/attempt_count" AND metric.labels.status="FAILED" becomes
        // belfry_job_attempt_count_total{status="FAILED"}. job_id and location are the cloud_scheduler_job resource's labels
        // (and "job" would clash with Prometheus's own target label).
        _attempts = Meter.CreateCounter<long>("belfry.job.attempt_count", "{attempt}",
            "Attempts sent, by location, job_id (bounded by Belfry:Telemetry:MaxJobSeries) and status (SUCCESS or FAILED).");
        _lateness = Meter.CreateHistogram("belfry.dispatch.lateness", "s",
            "From an attempt's due time (its schedule time, or its retry time) to its request leaving.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _duration = Meter.CreateHistogram("belfry.attempt.duration", "s",
            "From an attempt's request leaving to its final answer (after redirects) or its failure, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Meter.CreateObservableGauge("belfry.executions.outstanding", () => Outstanding.Outstanding, "{execution}",
            "Executions not yet final (pending or running), counted in the store every few seconds at most.");
        Meter.CreateObservableGauge("belfry.retries.pending", () => Outstanding.RetriesPending, "{execution}",
            "Outstanding executions waiting for a retry after a failed attempt, counted with belfry.executions.outstanding.");
    }

    public Meter Meter { get; }

    public Counter<long> NotificationsDelivered { get; }

    public Counter<long> NotificationsFailed { get; }

    /// <summary>The bounded <c>job_id</c> label values.</summary>
    public JobSeries Jobs { get; }

    /// <summary>The values behind the two gauges.</summary>
    public OutstandingGauges Outstanding { get; }

    /// <summary>One attempt sent: its count, its lateness against <paramref name="due"/>, and its duration.</summary>
    public void AttemptSent(JobName job, AttemptOutcome outcome, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        var status = new KeyValuePair<string, object?>("status", outcome.Succeeded ? "SUCCESS" : "FAILED");
        if (_attempts.Enabled)
        {
            var location = new KeyValuePair<string, object?>("location", job.Location);
            if (Jobs.Enabled)
            {
                _attempts.Add(1, location, new KeyValuePair<string, object?>("job_id", Jobs.Label(job.JobId)), status);
            }
            else
            {
                _attempts.Add(1, location, status);
            }
        }

        // A clock corrected between claim and send may put the start a hair before the due time: never negative.
        _lateness.Record(Math.Max(0, (outcome.StartTime - due).TotalSeconds));
        _duration.Record(outcome.Duration.TotalSeconds, status);
    }
}
