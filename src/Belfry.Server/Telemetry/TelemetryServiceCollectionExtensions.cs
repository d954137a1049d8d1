using Belfry.Core.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Belfry.Server.Telemetry;

/// <summary>
/// The OpenTelemetry SDK, in one place: the Meter and the ActivitySource named <c>Belfry</c>, Prometheus text at
/// <c>GET /metrics</c>, and OTLP export of metrics and traces when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables
/// ask for it (the exporter reads them itself). Spans are made only when traces are exported (or something else in
/// the process listens to the <c>Belfry</c> source): then each attempt carries a <c>traceparent</c>.
/// </summary>
/// <remarks>
/// Prometheus text comes from OpenTelemetry.Exporter.Prometheus.AspNetCore, the SDK's own exporter (still a
/// prerelease): the instruments are System.Diagnostics.Metrics, and OTLP needs the SDK anyway, so a second metrics
/// library (prometheus-net) would only collect the same numbers twice. It collects on each scrape.
/// </remarks>
internal static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    private const string AttemptCountInstrument = "belfry.job.attempt_count";

    public static IServiceCollection AddBelfryTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(sp => new BelfryMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<IOptions<TelemetryOptions>>(),
            new Lazy<IExecutionStore>(sp.GetRequiredService<IExecutionStore>), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BelfryMetrics>>()));

        // Read unvalidated while building; the options' validation reports a bad value at start-up.
        var maxJobSeries = Math.Max(0, configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.MaxJobSeries ?? new TelemetryOptions().MaxJobSeries);
        var telemetry = services.AddOpenTelemetry();
        telemetry.ConfigureResource(resource => resource.AddService("belfry").AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BelfryMetrics.MeterName)
                    .AddView(instrument => instrument.Meter.Name == BelfryMetrics.MeterName && instrument.Name == AttemptCountInstrument
                        ? new MetricStreamConfiguration { CardinalityLimit = AttemptSeriesLimit(maxJobSeries) }
                        : null)

                    // No cached answer: a scrape right after an outcome shows it (the exporter collects on scrape).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (OtlpRequested(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Spans only when they go somewhere: a sampled span with no exporter is all cost (issue 13's burst). Any other
        // listener of the Belfry source (an embedding host's own SDK, a test's in-memory exporter) also gets them.
        if (OtlpRequested(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        {
            telemetry.WithTracing(tracing => tracing.AddSource(BelfryActivities.SourceName).AddOtlpExporter());
        }

        return services;
    }

    /// <summary>Serves <c>GET /metrics</c>, and creates the instruments now, so the first scrape shows them all.</summary>
    public static void MapBelfryMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<BelfryMetrics>();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
    }

    /// <summary>Whether <paramref name="path"/> is the scrape endpoint.</summary>
    public static bool IsMetrics(PathString path) => path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The SDK's series limit for the attempt counter: every kept job and the overflow value, each with both statuses,
    /// in a few locations; the SDK's default (2,000) would drop points beyond it and make totals wrong.
    /// </summary>
    internal static int AttemptSeriesLimit(int maxJobSeries) => Math.Max(2000, (maxJobSeries + 1) * 2 * 4);

    private static bool OtlpRequested(IConfiguration configuration, string signalVariable) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || !string.IsNullOrWhiteSpace(configuration[signalVariable]);
}
