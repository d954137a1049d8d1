using Belfry.LoadBench.Runs;
using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Reporting;

/// <summary>
/// The delete workload's figures: the child's timeline (<see cref="DeleteTimeline"/>) against the per-second jobs'
/// arrivals at the sink, in three phases: before the delete call, from the call until the history is gone, and after.
/// </summary>
internal static class DeleteAnalyzer
{
    public static DeleteReport Delete(ChildResult child, IReadOnlyList<Delivery> deliveries)
    {
        var t = child.Delete ?? throw new InvalidOperationException("the delete workload's child reported no timeline");
        var whole = Analyzer.Steady(child, deliveries);
        var call = t.DeleteCallStartTicks;
        var gone = t.HistoryGoneTicks ?? DateTimeOffset.FromUnixTimeSeconds(child.WindowEndUnix).UtcTicks;

        // Scheduled seconds go to a phase by the second they start; arrivals by their instant. The "during" phase takes
        // the second of the call and the second the history was seen gone.
        var callSecond = new DateTimeOffset(call, TimeSpan.Zero).ToUnixTimeSeconds();
        var goneSecond = new DateTimeOffset(gone, TimeSpan.Zero).ToUnixTimeSeconds() + 1;
        var arrivals = deliveries.Where(d => d.JobId[0] == 's').Select(d => d.ReceivedUtcTicks).Order().ToArray();
        DeletePhaseReport[] phases =
        [
            Phase("before", child, deliveries, arrivals, child.WindowStartUnix, callSecond, long.MinValue, call),
            Phase("during", child, deliveries, arrivals, callSecond, goneSecond, call, gone),
            Phase("after", child, deliveries, arrivals, goneSecond, child.WindowEndUnix, gone, long.MaxValue),
        ];

        double? Since(long? ticks) => ticks is { } v ? Math.Round(TimeSpan.FromTicks(v - call).TotalSeconds, 1) : null;
        double? rate = t.FirstBatchSeenTicks is { } first && t.HistoryGoneTicks is { } end && end > first
            ? Math.Round(t.Executions / TimeSpan.FromTicks(end - first).TotalSeconds)
            : null;
        return new DeleteReport(
            child.Jobs, t.Executions, t.InsertSeconds, t.RetentionIntervalSeconds, t.RetentionBatchSize, t.DeleteCallMs, t.GetAfterDeleteStatus,
            Since(t.FirstBatchSeenTicks), Since(t.HistoryGoneTicks), t.HistoryLeft, rate, phases, whole);
    }

    private static DeletePhaseReport Phase(
        string name, ChildResult child, IReadOnlyList<Delivery> deliveries, long[] arrivals, long fromUnix, long toUnix, long fromTicks, long toTicks)
    {
        // Lateness, lost and duplicates as a steady run of the phase's seconds would count them.
        var steady = Analyzer.Steady(new ChildResult { Jobs = child.Jobs, WindowStartUnix = fromUnix, WindowEndUnix = toUnix }, deliveries);
        var window = (Start: DateTimeOffset.FromUnixTimeSeconds(child.WindowStartUnix).UtcTicks, End: DateTimeOffset.FromUnixTimeSeconds(child.WindowEndUnix).UtcTicks);
        long longest = 0, count = 0;
        for (var i = 1; i < arrivals.Length; i++)
        {
            var at = arrivals[i];
            if (at >= fromTicks && at < toTicks && arrivals[i - 1] >= window.Start && at <= window.End + TimeSpan.TicksPerSecond)
            {
                (longest, count) = (Math.Max(longest, at - arrivals[i - 1]), count + 1);
            }
        }

        return new DeletePhaseReport(
            name, fromUnix, toUnix, count, count > 0 ? Math.Round(longest / (double)TimeSpan.TicksPerMillisecond, 1) : null,
            steady.LatenessP50Ms, steady.LatenessP99Ms, steady.LatenessMaxMs, steady.Lost, steady.Duplicated);
    }
}
