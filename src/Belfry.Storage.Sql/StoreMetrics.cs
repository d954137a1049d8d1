using System.Diagnostics.Metrics;
using Belfry.Core.Pipelines;

namespace Belfry.Storage.Sql;

/// <summary>
/// The store's instruments: <c>belfry.store.operation.duration</c>, how long each store transaction took, tagged by
/// the store method (<c>operation</c>) and the engine; and <c>belfry.pipeline.runs</c>, runs that ended, tagged by
/// <c>outcome</c>, counted when the transaction that ended them commits (the server never hears of a run ended by
/// recording its last step's attempt: the record answers only "recorded or fenced"). They live on the Meter named <c>Belfry</c> (the server's
/// BelfryMetrics holds the same Meter through the same <see cref="IMeterFactory"/>); this assembly cannot reference
/// the server, so it creates the instrument itself.
/// </summary>
internal sealed class StoreMetrics
{
    public const string MeterName = "Belfry";

    // A store transaction is sub-millisecond on an idle SQLite file and may wait seconds for a busy PostgreSQL lock.
    private static readonly IReadOnlyList<double> Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _runs;
    private readonly KeyValuePair<string, object?> _engine;

    public StoreMetrics(IMeterFactory meterFactory, string engine)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("belfry.pipeline.runs", "{run}", "Pipeline runs that ended, tagged by outcome (succeeded, failed, cancelled).");
        _duration = meter.CreateHistogram(
            "belfry.store.operation.duration", "s", "Time one store transaction took, tagged by the store method and the engine.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _engine = new("engine", engine);
    }

    /// <summary>Whether anything listens; when not, the database does not even read the clock.</summary>
    public bool Enabled => _duration.Enabled;

    public void Record(string operation, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), _engine);

    public void RunsEnded(IReadOnlyList<PipelineRunState> states)
    {
        for (var i = 0; i < states.Count; i++)
        {
            _runs.Add(1, new KeyValuePair<string, object?>("outcome", Outcome(states[i])));
        }
    }

    private static string Outcome(PipelineRunState state) => state switch
    {
        PipelineRunState.Succeeded => "succeeded",
        PipelineRunState.Failed => "failed",
        PipelineRunState.Cancelled => "cancelled",
        _ => "running",
    };
}
