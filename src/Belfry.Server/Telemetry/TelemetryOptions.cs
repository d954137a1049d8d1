using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Telemetry;

/// <summary>Metrics settings (section <c>Belfry:Telemetry</c>); OTLP export is configured by the standard <c>OTEL_*</c> variables.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Belfry:Telemetry";

    /// <summary>
    /// The most distinct <c>job_id</c> label values the metrics carry (first come, first kept); later jobs are counted under
    /// <see cref="JobSeries.Overflow"/>, so 100,000 jobs make a bounded number of series and totals stay right. Zero drops
    /// the <c>job_id</c> label altogether.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxJobSeries { get; set; } = 1000;

    /// <summary>
    /// Whether <c>GET /metrics</c> needs the admin token when one is set. Off by default: Prometheus scrapers usually
    /// carry no token, the admin token can change every job (a scraper should not hold it), and the text holds counts,
    /// job ids and locations, no secrets. The request guard (Host allow list, cross-site refusal) applies either way.
    /// </summary>
    public bool MetricsRequireToken { get; set; }

    /// <summary>
    /// How old the outstanding-execution counts may get before a scrape starts a fresh count in the background (one
    /// at a time): a scrape never waits for the store, and scrapes never pile up queries.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Belfry:Telemetry:GaugeRefreshInterval must be between 1 second and 1 hour.")]
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
