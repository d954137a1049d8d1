using System.Diagnostics;
using System.Globalization;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;
using Belfry.LoadBench.Runs;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;

namespace Belfry.LoadBench.Dashboard;

/// <summary>
/// The dashboard workload (issue 16, point 6): a store of many jobs and a million finished executions, then each page
/// the overview and a job involve timed over loopback (<see cref="PageTimer"/>). Belfry on SQLite: the jobs created
/// through the API (schedules, zones and states mixed), the history written straight into the file while the server is
/// stopped (<see cref="SimulatedJobHistory"/>, as the delete workload), some jobs failing now. Hangfire:
/// <see cref="HangfireDashboard"/>.
/// </summary>
internal static class DashboardRunner
{
    /// <summary>The bench's jobs are in project <c>bench</c>; the dashboard shows that one.</summary>
    public static IReadOnlyList<string> ServerSettings { get; } = ["--Belfry:Dashboard:Project=bench"];

    /// <summary>The executions are spread over this stretch before now, so the 7-day rates read 70 % of them.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(10);

    private const long HistoryChunk = 100_000;
    private static readonly string[] Zones = ["Etc/UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo"];

    public static async Task RunAsync(BenchOptions options, IPeer peer, ChildResult result)
    {
        result.Dashboard = peer switch
        {
            BelfryPeer belfry => await RunBelfryAsync(options, belfry, result),
            HangfirePeer hangfire => await HangfireDashboard.RunAsync(options, hangfire, result),
            _ => throw new NotSupportedException("the dashboard workload runs against belfry-sqlite and hangfire-memory"),
        };
    }

    /// <summary>Every 20th job fires every 15 minutes, the rest hourly, daily, on weekdays or monthly, in six zones.</summary>
    public static (string Schedule, string TimeZone) Schedule(int i)
    {
        var (minute, hour) = (i % 60, i / 60 % 24);
        var schedule = (i % 20, i % 4) switch
        {
            (0, _) => "*/15 * * * *",
            (_, 0) => $"{minute} * * * *",
            (_, 1) => $"{minute} {hour} * * *",
            (_, 2) => $"{minute} {hour} * * 1-5",
            _ => $"{minute} {hour} 1 * *",
        };
        return (schedule, Zones[i % Zones.Length]);
    }

    /// <summary>About one job in 33 is failing now (its last attempt failed; a third of its runs failed in the last 3 days).</summary>
    private static bool IsFailing(int i) => i % 33 == 5;

    private static bool IsPaused(int i) => i % 20 == 7;

    private static async Task<DashboardReport> RunBelfryAsync(BenchOptions options, BelfryPeer belfry, ChildResult result)
    {
        var ids = ChildRunner.Ids('d', options.DashboardJobs);
        var started = Stopwatch.GetTimestamp();
        await belfry.CreateJobsAsync(ids, Schedule, CancellationToken.None);
        await belfry.PauseJobsAsync(ids.Where((_, i) => IsPaused(i)), CancellationToken.None);
        Console.WriteLine($"[{result.System}] dashboard: {ids.Count:N0} jobs created in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        // A million rows in the file's write lock would hold up a running server's writes: write them while it is stopped.
        await belfry.StopAsync();
        var file = Path.Combine(options.DataDirectory, SqliteDatabase.FileName);
        var now = DateTimeOffset.UtcNow;
        var period = TimeSpan.FromTicks(Math.Max(1, History.Ticks / options.DashboardExecutions));
        var start = now - TimeSpan.FromMinutes(1) - (period * options.DashboardExecutions);
        await using (var history = new SimulatedJobHistory(file, [.. ids.Select(id => $"projects/bench/locations/local/jobs/{id}")], start, period))
        {
            for (var written = 0L; written < options.DashboardExecutions; written += HistoryChunk)
            {
                await history.WriteUntilAsync(start + (period * Math.Min(options.DashboardExecutions, written + HistoryChunk)), CancellationToken.None);
            }

            await MarkFailingAsync(history, ids, now);
            await history.CountRunsAsync(CancellationToken.None);
        }

        result.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        result.Jobs = ids.Count;
        Console.WriteLine($"[{result.System}] dashboard: {options.DashboardExecutions:N0} executions written; seeded in {result.SetupSeconds:0.0} s");
        await belfry.StartAsync(CancellationToken.None);

        using var timer = new PageTimer();
        var failing = ids[5];
        var pages = new List<PageTiming>
        {
            await timer.TimeAsync(belfry.Api, "overview", "/ui", options.DashboardRequests),
            await timer.TimeAsync(belfry.Api, "overview, live refresh", "/ui", options.DashboardRequests, () => new HttpRequestMessage(HttpMethod.Get, "/ui")
            {
                Headers = { { "X-Belfry-Live", "1" } },
            }),
            await timer.TimeAsync(belfry.Api, "jobs", "/ui/jobs?location=local", options.DashboardRequests),
            await timer.TimeAsync(belfry.Api, "job", $"/ui/jobs/bench/local/{failing}", options.DashboardRequests),
        };
        return new DashboardReport(ids.Count, options.DashboardExecutions, Math.Round(result.SetupSeconds, 1), pages);
    }

    /// <summary>
    /// Gives every job the status of its last attempt, and makes the failing ones fail: their last attempt, and every
    /// run of theirs in the last 3 days, so their 7-day rates differ from the others' 90 %.
    /// </summary>
    private static async Task MarkFailingAsync(SimulatedJobHistory history, IReadOnlyList<string> ids, DateTimeOffset now)
    {
        var failing = string.Join(", ", ids.Where((_, i) => IsFailing(i)).Select(id => $"'projects/bench/locations/local/jobs/{id}'"));
        var since = (now - TimeSpan.FromDays(3)).UtcTicks.ToString(CultureInfo.InvariantCulture);
        await history.ScalarAsync($"""
            UPDATE attempts SET succeeded = 0, status_code = 503
            WHERE execution_id IN (SELECT id FROM executions WHERE job_name IN ({failing}) AND schedule_time >= {since});
            UPDATE executions SET state = 3, last_status_code = 503, last_error = 'HTTP 503'
            WHERE job_name IN ({failing}) AND schedule_time >= {since};
            UPDATE jobs SET
                last_attempt_time = (SELECT max(e.schedule_time) FROM executions e WHERE e.job_name = jobs.name),
                status_code = CASE WHEN name IN ({failing}) THEN 14 ELSE 0 END,
                status_message = CASE WHEN name IN ({failing}) THEN 'HTTP 503 Service Unavailable' ELSE '' END;
            SELECT changes();
            """, CancellationToken.None);
    }
}
