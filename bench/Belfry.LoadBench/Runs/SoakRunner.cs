using System.Diagnostics;
using Belfry.LoadBench.Peers;
using Belfry.Storage.Sqlite;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The soak's child (<c>--soak</c>): Belfry on SQLite against the sink's soak targets (<see cref="Sink.SoakTargets"/>)
/// for <see cref="BenchOptions.SoakMinutes"/>, with the churn traffic (<see cref="SoakTraffic"/>) and a sample of RSS
/// and the store every so often. At the end every job is paused and the child waits until nothing is outstanding;
/// the parent then checks the store against the sink's log (<see cref="Reporting.SoakChecks"/>).
/// </summary>
internal static class SoakRunner
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(BenchOptions options, IPeer peer, ChildResult result)
    {
        if (peer is not BelfryPeer belfry)
        {
            throw new NotSupportedException("the soak runs against Belfry only");
        }

        var soak = new SoakChildResult { Minutes = options.SoakMinutes, RetentionDays = belfry.RetentionAge.TotalDays };
        result.Soak = soak;
        var api = new SoakApi(belfry.Api, options.SinkUrl!);
        var store = new SoakStore(Path.Combine(options.DataDirectory, SqliteDatabase.FileName));
        await api.CreateChannelAndPolicyAsync();
        var controlIds = new List<(SoakKind Kind, string Id)>();
        foreach (var kind in SoakKind.Control)
        {
            for (var i = 0; i < kind.Count; i++)
            {
                await api.CreateJobAsync(kind, kind.JobId(i), kind.Target);
                controlIds.Add((kind, kind.JobId(i)));
            }
        }

        var traffic = new SoakTraffic(api, soak);
        await traffic.CreateAsync();
        result.Jobs = controlIds.Count + SoakKind.Churn.Count;

        // A job's first time is the first of its period after it was created; one second more keeps the check clear of it.
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        soak.ControlJobs = [.. controlIds.Select(c => new SoakControlJob(c.Id, c.Kind.PeriodSeconds, created))];
        var load = TimeSpan.FromMinutes(options.SoakMinutes);
        var started = Stopwatch.GetTimestamp();
        var until = DateTimeOffset.UtcNow + load;
        Console.WriteLine($"[soak] {result.Jobs} jobs set up; load for {options.SoakMinutes} min, until {until:HH:mm:ss}");
        await Task.WhenAll(traffic.RunAsync(until), SampleAsync(belfry, store, soak, started, load));

        soak.LoadEndUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (_, id) in controlIds)
        {
            await api.ActAsync(id, "pause");
        }

        await traffic.PauseAllAsync();
        var draining = Stopwatch.GetTimestamp();
        while ((soak.OutstandingAfterDrain = await store.OutstandingAsync()) > 0 && Stopwatch.GetElapsedTime(draining) < DrainLimit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        soak.DrainSeconds = Math.Round(Stopwatch.GetElapsedTime(draining).TotalSeconds, 1);
        Console.WriteLine($"[soak] drained in {soak.DrainSeconds} s; {soak.OutstandingAfterDrain} outstanding");
    }

    /// <summary>
    /// A sample every twentieth of the load (at least 15 s apart) and one at its end; the warm-up ends at a fifth of
    /// the load (at least 30 s: the JIT's second tier and the pools fill in the first half minute).
    /// </summary>
    private static async Task SampleAsync(BelfryPeer belfry, SoakStore store, SoakChildResult soak, long started, TimeSpan load)
    {
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(15).Ticks, load.Ticks / 20));
        var warmUp = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, load.Ticks / 5));
        soak.WarmUpSample = -1;
        for (var at = every; ; at += every)
        {
            var last = at >= load;
            at = last ? load : at;
            var wait = at - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var rss = ProcessStats.CurrentRssMb(collect: true);
            var bytes = await belfry.DatabaseBytesAsync();
            var (executions, attempts, notifications) = await store.CountsAsync();
            soak.Samples.Add(new SoakSample(Math.Round(at.TotalSeconds), Math.Round(rss, 1), Math.Round(bytes.Used / 1048576.0, 2),
                Math.Round(bytes.OnDisk / 1048576.0, 2), executions, attempts, notifications));
            if (soak.WarmUpSample < 0 && at >= warmUp)
            {
                soak.WarmUpSample = soak.Samples.Count - 1;
            }

            Console.WriteLine($"[soak] {at.TotalMinutes:0.0} min: RSS {rss:0.0} MB, store {bytes.Used / 1048576.0:0.0} MB in use, {executions} executions");
            if (last)
            {
                return;
            }
        }
    }
}
