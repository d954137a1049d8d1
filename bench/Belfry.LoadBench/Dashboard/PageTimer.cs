using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Belfry.LoadBench.Reporting;

namespace Belfry.LoadBench.Dashboard;

/// <summary>
/// Times pages of a server hosted in this process: the client's loopback round trip, and the server's own figure,
/// ASP.NET Core's <c>http.server.request.duration</c> (the histogram Belfry exports at /metrics, docs/observability.md),
/// each measurement read here as it is recorded. Requests go one at a time, so every measurement taken during a page's
/// turn is that page's.
/// </summary>
internal sealed class PageTimer : IDisposable
{
    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string RequestDuration = "http.server.request.duration";
    private const int WarmUp = 5;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _serverMs = new();

    public PageTimer()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HostingMeter && instrument.Name == RequestDuration)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _serverMs.Enqueue(seconds * 1000));
        _listener.Start();
    }

    /// <summary>Warms the page up, then requests it <paramref name="count"/> times and summarises both figures.</summary>
    public async Task<PageTiming> TimeAsync(HttpClient client, string page, string path, int count, Func<HttpRequestMessage>? request = null)
    {
        request ??= () => new HttpRequestMessage(HttpMethod.Get, path);
        for (var i = 0; i < WarmUp; i++)
        {
            await SendAsync(client, request);
        }

        await SettleAsync(WarmUp);
        _serverMs.Clear();
        var round = new List<double>(count);
        var bytes = 0L;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = await SendAsync(client, request);
            round.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await SettleAsync(count);
        var server = _serverMs.ToArray();
        _serverMs.Clear();
        var timing = new PageTiming(page, path, Analyzer.Summary95(server), Analyzer.Summary95(round), bytes);
        Console.WriteLine($"[dashboard] {page} {path}: server p50 {timing.Server.P50} ms, p95 {timing.Server.P95} ms, max {timing.Server.Max} ms; client p50 {timing.Client.P50} ms; {bytes:N0} bytes");
        return timing;
    }

    public void Dispose() => _listener.Dispose();

    private static async Task<long> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        using var message = request();
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? body.LongLength
            : throw new InvalidOperationException($"{message.RequestUri}: HTTP {(int)response.StatusCode}");
    }

    /// <summary>The server records a request's duration as its response ends, which may be just after the client has it.</summary>
    private async Task SettleAsync(int expected)
    {
        var waiting = Stopwatch.GetTimestamp();
        while (_serverMs.Count < expected && Stopwatch.GetElapsedTime(waiting) < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
