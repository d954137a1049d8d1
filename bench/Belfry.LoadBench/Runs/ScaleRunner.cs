using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The scale workload (Belfry only: the peers have no API to page through): many registered jobs that are not due
/// for 200 days, plus a few per-second ones so the server dispatches throughout. Reports the memory the jobs cost,
/// how fast <c>list</c> pages and <c>describe</c> answer while it dispatches, and how long a restart on the full
/// store takes until the first delivery.
/// </summary>
internal static class ScaleRunner
{
    private const int ListPages = 20;
    private const int Describes = 200;

    public static async Task RunAsync(BenchOptions options, IPeer peer, HttpClient progress, ChildResult result)
    {
        if (peer is not BelfryPeer belfry)
        {
            throw new NotSupportedException("the scale workload runs against Belfry only");
        }

        var rssBefore = ProcessStats.CurrentRssMb(collect: true);
        var idle = ChildRunner.Ids('i', options.ScaleJobs);
        var busy = ChildRunner.Ids('s', options.ScaleDispatchingJobs);
        var started = Stopwatch.GetTimestamp();
        await belfry.AddJobsAsync(idle, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(200).ToUnixTimeSeconds()), CancellationToken.None);
        await belfry.AddJobsAsync(busy, at: null, CancellationToken.None);
        result.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        result.Jobs = idle.Count + busy.Count;
        var rssAfter = ProcessStats.CurrentRssMb(collect: true);
        Console.WriteLine($"[{result.System}] scale: {idle.Count} idle + {busy.Count} per-second jobs set up in {result.SetupSeconds:0.0} s");
        var (atSetup, deliveredAtSetup) = (await belfry.DatabaseBytesAsync(), await DeliveredAsync(progress));

        // Let the per-second jobs settle into their rhythm, then ask while they are dispatched.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var list = new List<double>();
        string? token = null;
        for (var page = 0; page < ListPages; page++)
        {
            var query = "/v1/projects/bench/locations/local/jobs?pageSize=500" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var (ms, body) = await TimeGetAsync(belfry.Api, query);
            list.Add(ms);
            token = NextPageToken(body);
            if (token is null)
            {
                break;
            }
        }

        var describe = new List<double>();
        for (var i = 0; i < Describes; i++)
        {
            var id = idle[Random.Shared.Next(idle.Count)];
            describe.Add((await TimeGetAsync(belfry.Api, $"/v1/projects/bench/locations/local/jobs/{id}")).Ms);
        }

        // The store's size with retention on, and what one execution adds to it.
        var (bytes, delivered) = (await belfry.DatabaseBytesAsync(), await DeliveredAsync(progress));
        var retentionDays = belfry.RetentionAge.TotalDays;
        double? perExecution = delivered > deliveredAtSetup ? (double)(bytes.Used - atSetup.Used) / (delivered - deliveredAtSetup) : null;
        double? steadyMb = perExecution is { } each ? (atSetup.Used + each * busy.Count * 86_400 * retentionDays) / (1024 * 1024) : null;

        // Restart on the full store (in this process, so the JIT is warm: this is the store's and host's share).
        await belfry.StopAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        started = Stopwatch.GetTimestamp();
        await belfry.StartAsync(CancellationToken.None);
        var restartMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var from = restartedAt.ToUnixTimeSeconds();
        double? firstDeliveryMs = null;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            var count = long.Parse(await progress.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/progress?kind=s&from={from + 1}&to={long.MaxValue}")), CultureInfo.InvariantCulture);
            if (count > 0)
            {
                firstDeliveryMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        result.Scale = new ScaleReport(
            idle.Count, busy.Count, Math.Round(result.SetupSeconds, 1), Math.Round(rssBefore, 1), Math.Round(rssAfter, 1),
            Math.Round((rssAfter - rssBefore) * 1024 / idle.Count, 2),
            Analyzer.Summary(list), Analyzer.Summary(describe), Math.Round(restartMs, 0), firstDeliveryMs is { } f ? Math.Round(f, 0) : null,
            Math.Round(bytes.OnDisk / (1024.0 * 1024), 1), retentionDays, perExecution is { } p ? Math.Round(p, 0) : null, steadyMb is { } m ? Math.Round(m, 0) : null);
        Console.WriteLine($"[{result.System}] scale: list p50 {result.Scale.ListPageMs.P50} ms, describe p50 {result.Scale.DescribeMs.P50} ms, restart {restartMs:0} ms, " +
            $"database {result.Scale.DatabaseMb} MB");
    }

    /// <summary>Deliveries of the per-second jobs that have reached the sink so far.</summary>
    private static async Task<long> DeliveredAsync(HttpClient progress) => long.Parse(
        await progress.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/progress?kind=s&from=0&to={long.MaxValue}")), CultureInfo.InvariantCulture);

    private static async Task<(double Ms, string Body)> TimeGetAsync(HttpClient api, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await api.GetStringAsync(path);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, body);
    }

    private static string? NextPageToken(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("nextPageToken", out var token) ? token.GetString() : null;
    }
}
