using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Belfry.LoadBench.Dashboard;
using Belfry.LoadBench.Peers;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// A child: hosts one system, registers one workload's jobs, waits until their deliveries have arrived at the
/// sink (or a limit passes), writes <see cref="ChildResult"/> with its CPU time and peak RSS, and exits at once.
/// </summary>
internal static class ChildRunner
{
    /// <summary>A steady run counts only whole seconds starting this long after set-up has finished.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private const int WarmUpJobs = 20;
    private const int ProbeJobs = 100;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var result = new ChildResult { System = options.ChildSystem!, Workload = options.ChildWorkload };
        using var progress = new HttpClient { BaseAddress = options.SinkUrl };
        IPeer? peer = null;
        try
        {
            peer = PeerFactory.Create(options);
            await peer.StartAsync(CancellationToken.None);
            await (options.ChildWorkload switch
            {
                "steady" => RunSteadyAsync(options, peer, progress, result),
                "burst" => RunBurstAsync(options, peer, progress, result),
                "soak" => SoakRunner.RunAsync(options, peer, result),
                "delete" => DeleteRunner.RunAsync(options, peer, progress, result),
                "dashboard" => DashboardRunner.RunAsync(options, peer, result),
                _ => ScaleRunner.RunAsync(options, peer, progress, result),
            });
        }
        catch (Exception e)
        {
            result.Error = e.ToString();
        }

        var otherProcessesCpu = 0.0;
        try
        {
            otherProcessesCpu = peer is null ? 0 : await peer.FinishAsync();
        }
        catch (Exception e)
        {
            result.Error ??= e.ToString();
        }

        result.Notes.AddRange(peer?.Notes().Select(note => $"{result.Workload}: {note}") ?? []);
        result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{result.Workload}: allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; GC pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
        result.CpuSeconds = ProcessStats.CpuSeconds() + otherProcessesCpu;
        result.PeakRssMb = ProcessStats.PeakRssMb();
        await File.WriteAllTextAsync(options.ResultPath, JsonSerializer.Serialize(result));

        // Skip the peers' graceful shutdown (Hangfire waits for its workers); the parent deletes the data directory.
        // Exit still runs ProcessExit, where a throwaway PostgreSQL server is stopped (PostgresCluster).
        Environment.Exit(0);
        return 0;
    }

    private static async Task RunSteadyAsync(BenchOptions options, IPeer peer, HttpClient progress, ChildResult result)
    {
        var ids = Ids('s', options.SteadyJobs);
        var started = Stopwatch.GetTimestamp();
        await peer.AddJobsAsync(ids, at: null, CancellationToken.None);
        result.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        result.Jobs = ids.Count;

        var windowStart = DateTimeOffset.UtcNow.Add(Settle).ToUnixTimeSeconds() + 1;
        var windowEnd = windowStart + options.SteadySeconds;
        (result.WindowStartUnix, result.WindowEndUnix) = (windowStart, windowEnd);
        Console.WriteLine($"[{result.System}] steady: {ids.Count} jobs set up in {result.SetupSeconds:0.0} s; counting {options.SteadySeconds} s");
        await SleepUntilAsync(DateTimeOffset.FromUnixTimeSeconds(windowEnd));

        var expected = (long)ids.Count * options.SteadySeconds;
        var seen = await WaitForDeliveriesAsync(progress, 's', windowStart, windowEnd, expected,
            DateTimeOffset.FromUnixTimeSeconds(windowEnd) + options.SteadyDrainLimit, quiet: TimeSpan.FromSeconds(3), quietOnlyAfterFirst: false);
        Console.WriteLine($"[{result.System}] steady: {seen} of {expected} deliveries arrived");
    }

    private static async Task RunBurstAsync(BenchOptions options, IPeer peer, HttpClient progress, ChildResult result)
    {
        // The instant must lie after set-up, which takes very different times per system: time a probe of 100
        // jobs due far in the future (after 20 that warm up the code paths), and leave margin for the rest. The
        // probe jobs stay registered.
        var far = Truncate(DateTimeOffset.UtcNow.AddDays(200));
        var probes = Ids('p', WarmUpJobs + ProbeJobs);
        await peer.AddJobsAsync(probes[..WarmUpJobs], far, CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        await peer.AddJobsAsync(probes[WarmUpJobs..], far, CancellationToken.None);
        var perJob = Stopwatch.GetElapsedTime(started) / ProbeJobs;
        var margin = perJob * options.BurstJobs * options.MarginFactor + TimeSpan.FromSeconds(2);
        var at = Truncate(DateTimeOffset.UtcNow + margin) + TimeSpan.FromSeconds(1);

        var ids = Ids('b', options.BurstJobs);
        started = Stopwatch.GetTimestamp();
        await peer.AddJobsAsync(ids, at, CancellationToken.None);
        result.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        (result.Jobs, result.BurstAtUnix) = (ids.Count, at.ToUnixTimeSeconds());
        if (DateTimeOffset.UtcNow > at - TimeSpan.FromMilliseconds(200))
        {
            result.Error = "set-up overran the burst instant";
            return;
        }

        Console.WriteLine($"[{result.System}] burst: {ids.Count} jobs set up in {result.SetupSeconds:0.0} s; due at {at:HH:mm:ss}");
        await SleepUntilAsync(at);

        // A system may stamp a late job with a later time (Quartz after a misfire, Hangfire's Relaxed mode), so
        // count every b-job delivery from the instant on; the parent matches them by job id.
        var seen = await WaitForDeliveriesAsync(progress, 'b', at.ToUnixTimeSeconds(), long.MaxValue, ids.Count,
            at + options.BurstLimit, quiet: TimeSpan.FromSeconds(5), quietOnlyAfterFirst: true);
        Console.WriteLine($"[{result.System}] burst: {seen} of {ids.Count} deliveries arrived");
    }

    /// <summary>Polls the sink until <paramref name="expected"/> deliveries, a quiet spell, or the deadline.</summary>
    public static async Task<long> WaitForDeliveriesAsync(
        HttpClient progress, char kind, long fromUnix, long toUnix, long expected, DateTimeOffset deadline, TimeSpan quiet, bool quietOnlyAfterFirst)
    {
        var last = -1L;
        var lastChange = DateTimeOffset.UtcNow;
        while (true)
        {
            var text = await progress.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/progress?kind={kind}&from={fromUnix}&to={toUnix}"));
            var count = long.Parse(text, CultureInfo.InvariantCulture);
            var now = DateTimeOffset.UtcNow;
            if (count != last)
            {
                (last, lastChange) = (count, now);
            }

            if (count >= expected || now >= deadline || ((count > 0 || !quietOnlyAfterFirst) && now - lastChange >= quiet))
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public static List<string> Ids(char kind, int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{kind}{i:D6}")).ToList();

    private static DateTimeOffset Truncate(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    public static async Task SleepUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
