using Belfry.LoadBench.Runs;
using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Reporting;

/// <summary>Checks one child's deliveries against what its workload expected: lost, duplicated, lateness.</summary>
internal static class Analyzer
{
    public static SteadyReport Steady(ChildResult child, IReadOnlyList<Delivery> deliveries)
    {
        var seconds = (int)(child.WindowEndUnix - child.WindowStartUnix);
        var expected = (long)child.Jobs * seconds;
        var first = new Dictionary<(string Job, long Second), double>();
        long delivered = 0;
        foreach (var d in deliveries)
        {
            if (!IsExpectedJob(d.JobId, 's', child.Jobs) || d.ScheduledUnixSeconds < child.WindowStartUnix || d.ScheduledUnixSeconds >= child.WindowEndUnix)
            {
                continue;
            }

            delivered++;
            first.TryAdd((d.JobId, d.ScheduledUnixSeconds), d.LatenessMs);
        }

        var lateness = first.Values.Order().ToArray();
        return new SteadyReport(
            child.Jobs, seconds, expected, delivered,
            Round(Percentile(lateness, 0.50), 1), Round(Percentile(lateness, 0.99), 1), Round(lateness.Length > 0 ? lateness[^1] : null, 1),
            expected - first.Count, delivered - first.Count, Round(child.SetupSeconds, 2), Round(child.CpuSeconds, 2),
            Round(child.PeakRssMb, 1), child.Error);
    }

    public static BurstReport Burst(ChildResult child, IReadOnlyList<Delivery> deliveries)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(child.BurstAtUnix).UtcTicks;
        var first = new Dictionary<string, long>();
        long delivered = 0;
        foreach (var d in deliveries)
        {
            if (IsExpectedJob(d.JobId, 'b', child.Jobs))
            {
                delivered++;
                first.TryAdd(d.JobId, d.ReceivedUtcTicks);
            }
        }

        var sinceAt = first.Values.Select(t => (t - at) / (double)TimeSpan.TicksPerMillisecond).Order().ToArray();
        double? seconds = sinceAt.Length > 0 ? sinceAt[^1] / 1000.0 : null;
        return new BurstReport(
            child.Jobs, Round(seconds, 3), Round(seconds is > 0 ? first.Count / seconds : null, 0), Round(sinceAt.Length > 0 ? sinceAt[0] : null, 1),
            Round(Percentile(sinceAt, 0.50), 1), child.Jobs - first.Count, delivered - first.Count, Round(child.SetupSeconds, 2),
            Round(child.CpuSeconds, 2), Round(child.PeakRssMb, 1), child.Error);
    }

    /// <summary>Percentiles of timed requests.</summary>
    public static LatencySummary Summary(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Round(Percentile(sorted, 0.50), 1), Round(Percentile(sorted, 0.99), 1), Round(sorted.Length > 0 ? sorted[^1] : null, 1));
    }

    /// <summary>p50/p95/max of timed requests (the dashboard workload's).</summary>
    public static PageLatency Summary95(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new PageLatency(sorted.Length, Round(Percentile(sorted, 0.50), 1), Round(Percentile(sorted, 0.95), 1), Round(sorted.Length > 0 ? sorted[^1] : null, 1));
    }

    /// <summary>Ids are a letter and six digits, numbered from 0; anything else (probes, strays) is not counted.</summary>
    private static bool IsExpectedJob(string id, char kind, int jobs) =>
        id.Length == 7 && id[0] == kind && int.TryParse(id.AsSpan(1), out var index) && index < jobs;

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static double Round(double value, int digits) => Math.Round(value, digits);

    /// <summary>Nearest-rank percentile of ascending values; null for none.</summary>
    private static double? Percentile(double[] ascending, double p) =>
        ascending.Length == 0 ? null : ascending[Math.Clamp((int)Math.Ceiling(p * ascending.Length) - 1, 0, ascending.Length - 1)];
}
