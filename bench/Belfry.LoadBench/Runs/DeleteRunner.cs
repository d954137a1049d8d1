using System.Diagnostics;
using System.Globalization;
using Belfry.LoadBench.Peers;
using Belfry.Storage.Sqlite;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The delete workload (issue 14, M6; Belfry on SQLite only): a job with a million finished executions is deleted
/// through the API while per-second jobs dispatch, and the retention service deletes its history in batches. The
/// child times the delete call, checks the job is gone at once, watches the history go, and keeps the per-second jobs
/// counted for <see cref="Phase"/> before the delete and after the history is gone; the parent measures the dispatch
/// pauses and lateness of each phase from the sink's arrivals.
/// </summary>
internal static class DeleteRunner
{
    public const string HistoryJob = "h000000";

    /// <summary>Retention runs every 10 s here (default 5 min), so the history goes while the per-second jobs dispatch.</summary>
    public static readonly TimeSpan RetentionInterval = TimeSpan.FromSeconds(10);

    /// <summary>The server's settings for this workload; everything else, the batch size too, stays at its default.</summary>
    public static IReadOnlyList<string> ServerSettings { get; } =
        [string.Create(CultureInfo.InvariantCulture, $"--Belfry:Retention:Interval={RetentionInterval:c}")];

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HistoryLimit = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(BenchOptions options, IPeer peer, HttpClient progress, ChildResult result)
    {
        if (peer is not BelfryPeer belfry)
        {
            throw new NotSupportedException("the delete workload runs against Belfry on SQLite only");
        }

        var timeline = new DeleteTimeline
        {
            Executions = options.DeleteExecutions,
            RetentionIntervalSeconds = belfry.Retention.Interval.TotalSeconds,
            RetentionBatchSize = belfry.Retention.BatchSize,
        };
        result.Delete = timeline;

        // The job, due in 200 days, then its history, written while the server is stopped (a million rows in the
        // file's write lock would hold up a running server's writes).
        await belfry.AddJobsAsync([HistoryJob], DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(200).ToUnixTimeSeconds()), CancellationToken.None);
        await belfry.StopAsync();
        var history = new FinishedHistory(Path.Combine(options.DataDirectory, SqliteDatabase.FileName), $"projects/bench/locations/local/jobs/{HistoryJob}");
        var started = Stopwatch.GetTimestamp();
        await history.WriteAsync(options.DeleteExecutions, DateTimeOffset.UtcNow);
        timeline.InsertSeconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1);
        Console.WriteLine($"[{result.System}] delete: {options.DeleteExecutions:N0} finished executions written in {timeline.InsertSeconds} s");
        await belfry.StartAsync(CancellationToken.None);

        var ids = ChildRunner.Ids('s', options.DeleteJobs);
        started = Stopwatch.GetTimestamp();
        await belfry.AddJobsAsync(ids, at: null, CancellationToken.None);
        (result.SetupSeconds, result.Jobs) = (Stopwatch.GetElapsedTime(started).TotalSeconds, ids.Count);
        result.WindowStartUnix = DateTimeOffset.UtcNow.Add(Settle).ToUnixTimeSeconds() + 1;
        Console.WriteLine($"[{result.System}] delete: {ids.Count} per-second jobs set up in {result.SetupSeconds:0.0} s; {Phase.TotalSeconds:0} s before the delete");
        await ChildRunner.SleepUntilAsync(DateTimeOffset.FromUnixTimeSeconds(result.WindowStartUnix) + Phase);

        timeline.DeleteCallStartTicks = DateTimeOffset.UtcNow.UtcTicks;
        started = Stopwatch.GetTimestamp();
        using (var deleted = await belfry.Api.DeleteAsync($"/v1/projects/bench/locations/local/jobs/{HistoryJob}"))
        {
            timeline.DeleteCallMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            deleted.EnsureSuccessStatusCode();
        }

        using (var get = await belfry.Api.GetAsync($"/v1/projects/bench/locations/local/jobs/{HistoryJob}"))
        {
            timeline.GetAfterDeleteStatus = (int)get.StatusCode;
        }

        Console.WriteLine($"[{result.System}] delete: the call took {timeline.DeleteCallMs} ms; GET then answered {timeline.GetAfterDeleteStatus}");
        await WatchHistoryAsync(history, timeline);

        var after = timeline.HistoryGoneTicks is { } gone ? new DateTimeOffset(gone, TimeSpan.Zero) : DateTimeOffset.UtcNow;
        result.WindowEndUnix = after.ToUnixTimeSeconds() + 1 + (long)Phase.TotalSeconds;
        await ChildRunner.SleepUntilAsync(DateTimeOffset.FromUnixTimeSeconds(result.WindowEndUnix));
        var expected = (long)ids.Count * (result.WindowEndUnix - result.WindowStartUnix);
        var seen = await ChildRunner.WaitForDeliveriesAsync(progress, 's', result.WindowStartUnix, result.WindowEndUnix, expected,
            DateTimeOffset.FromUnixTimeSeconds(result.WindowEndUnix) + options.SteadyDrainLimit, quiet: TimeSpan.FromSeconds(3), quietOnlyAfterFirst: false);
        Console.WriteLine($"[{result.System}] delete: {seen} of {expected} deliveries arrived");
    }

    /// <summary>Polls the file once a second until the job's executions and its grave are gone, or the limit passes.</summary>
    private static async Task WatchHistoryAsync(FinishedHistory history, DeleteTimeline timeline)
    {
        var watching = Stopwatch.GetTimestamp();
        var lastPrinted = watching;
        while (true)
        {
            var (left, graves) = await history.LeftAsync();
            var now = DateTimeOffset.UtcNow.UtcTicks;
            timeline.HistoryLeft = left;
            if (left < timeline.Executions)
            {
                timeline.FirstBatchSeenTicks ??= now;
            }

            if (left == 0 && graves == 0)
            {
                timeline.HistoryGoneTicks = now;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[delete] history gone {TimeSpan.FromTicks(now - timeline.DeleteCallStartTicks).TotalSeconds:0.0} s after the delete call"));
                return;
            }

            if (Stopwatch.GetElapsedTime(watching) > HistoryLimit)
            {
                Console.WriteLine($"[delete] {left:N0} executions still left after {HistoryLimit.TotalMinutes:0} min");
                return;
            }

            if (Stopwatch.GetElapsedTime(lastPrinted) >= TimeSpan.FromSeconds(10))
            {
                lastPrinted = Stopwatch.GetTimestamp();
                Console.WriteLine($"[delete] {left:N0} executions left");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
