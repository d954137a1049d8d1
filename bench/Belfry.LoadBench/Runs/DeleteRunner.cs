using System.Diagnostics;
using System.Globalization;
using Belfry.LoadBench.Peers;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;

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

    private const string HistoryJobName = $"projects/bench/locations/local/jobs/{HistoryJob}";
    private const long HistoryChunk = 100_000;
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
        var started = Stopwatch.GetTimestamp();
        await WriteHistoryAsync(options.DataDirectory, options.DeleteExecutions);
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
        await using (var history = new SimulatedJobHistory(Path.Combine(options.DataDirectory, SqliteDatabase.FileName), HistoryJobName, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1)))
        {
            await WatchHistoryAsync(history, timeline);
        }

        var after = timeline.HistoryGoneTicks is { } gone ? new DateTimeOffset(gone, TimeSpan.Zero) : DateTimeOffset.UtcNow;
        result.WindowEndUnix = after.ToUnixTimeSeconds() + 1 + (long)Phase.TotalSeconds;
        await ChildRunner.SleepUntilAsync(DateTimeOffset.FromUnixTimeSeconds(result.WindowEndUnix));
        var expected = (long)ids.Count * (result.WindowEndUnix - result.WindowStartUnix);
        var seen = await ChildRunner.WaitForDeliveriesAsync(progress, 's', result.WindowStartUnix, result.WindowEndUnix, expected,
            DateTimeOffset.FromUnixTimeSeconds(result.WindowEndUnix) + options.SteadyDrainLimit, quiet: TimeSpan.FromSeconds(3), quietOnlyAfterFirst: false);
        Console.WriteLine($"[{result.System}] delete: {seen} of {expected} deliveries arrived");
    }

    /// <summary>
    /// Writes the job's finished executions (as the tests' <see cref="SimulatedJobHistory"/> does: one attempt each,
    /// every tenth failed) over the week before now, inside retention's shortest age, so only the delete removes them;
    /// a transaction per 100,000.
    /// </summary>
    private static async Task WriteHistoryAsync(string dataDirectory, long count)
    {
        var period = TimeSpan.FromTicks(Math.Max(1, TimeSpan.FromDays(7).Ticks / count));
        var start = DateTimeOffset.UtcNow - TimeSpan.FromHours(1) - (period * count);
        await using var history = new SimulatedJobHistory(Path.Combine(dataDirectory, SqliteDatabase.FileName), HistoryJobName, start, period);
        for (var written = 0L; written < count; written += HistoryChunk)
        {
            await history.WriteUntilAsync(start + (period * Math.Min(count, written + HistoryChunk)), CancellationToken.None);
        }
    }

    /// <summary>Polls the file once a second until the job's executions and its grave are gone, or the limit passes.</summary>
    private static async Task WatchHistoryAsync(SimulatedJobHistory history, DeleteTimeline timeline)
    {
        var watching = Stopwatch.GetTimestamp();
        var lastPrinted = watching;
        while (true)
        {
            var left = await history.ScalarAsync($"SELECT count(*) FROM executions WHERE job_name = '{HistoryJobName}'", CancellationToken.None);
            var graves = await history.CountAsync("deleted_jobs", CancellationToken.None);
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
