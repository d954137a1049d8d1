using System.Collections.Concurrent;

namespace Belfry.Server.Telemetry;

/// <summary>
/// The <c>job_id</c> label's values, bounded (<see cref="TelemetryOptions.MaxJobSeries"/>): the first jobs seen keep their
/// id, every later one is <see cref="Overflow"/>. Without the bound, 100,000 jobs would be 100,000 series per instrument
/// in every scrape, and the SDK would drop points once its own cardinality limit was reached, making totals wrong.
/// </summary>
internal sealed class JobSeries(int maxJobs)
{
    /// <summary>The label value of every job beyond the bound: not a valid job id (letters, digits, - and _), so never a job's own.</summary>
    public const string Overflow = "(other)";

    private readonly ConcurrentDictionary<string, bool> _kept = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Whether the metrics carry a <c>job_id</c> label at all (<see cref="TelemetryOptions.MaxJobSeries"/> above zero).</summary>
    public bool Enabled => maxJobs > 0;

    /// <summary>The label value for <paramref name="jobId"/>: itself while the bound allows, else <see cref="Overflow"/>.</summary>
    public string Label(string jobId)
    {
        if (_kept.ContainsKey(jobId))
        {
            return jobId;
        }

        // Reserve a place before taking it, so racing callers never keep more than maxJobs ids.
        if (Interlocked.Increment(ref _count) > maxJobs)
        {
            Interlocked.Decrement(ref _count);
            return Overflow;
        }

        if (!_kept.TryAdd(jobId, true))
        {
            Interlocked.Decrement(ref _count);
        }

        return jobId;
    }
}
