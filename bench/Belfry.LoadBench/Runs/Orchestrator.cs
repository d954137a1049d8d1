using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;
using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The parent: starts the sink, runs each (system, workload) in a fresh child process one after another, checks
/// the deliveries the sink recorded for it, prints the table and writes the JSON.
/// </summary>
internal static class Orchestrator
{
    private static readonly TimeSpan ChildLimit = TimeSpan.FromMinutes(20);

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        if (options.Workloads.Contains("soak"))
        {
            return await SoakOrchestrator.RunAsync(options, args);
        }

        var started = Stopwatch.GetTimestamp();
        var date = DateTimeOffset.UtcNow;
        await using var sink = await DeliverySink.StartAsync();
        Console.WriteLine($"sink at {sink.Url}; systems {string.Join(", ", options.Systems)}; workloads {string.Join(", ", options.Workloads)}");
        var systems = new List<SystemReport>();
        var failed = false;
        foreach (var system in options.Systems)
        {
            SteadyReport? steady = null;
            BurstReport? burst = null;
            ScaleReport? scale = null;
            DeleteReport? delete = null;
            DashboardReport? dashboard = null;
            var children = new List<ChildResult>();
            foreach (var workload in options.Workloads)
            {
                var (child, deliveries) = await RunChildAsync(options, sink, system, workload, marginFactor: 1.5);
                if (child.Error == "set-up overran the burst instant")
                {
                    (child, deliveries) = await RunChildAsync(options, sink, system, workload, marginFactor: 4);
                }

                children.Add(child);
                failed |= child.Error is not null;
                switch (workload)
                {
                    case "steady": steady = Analyzer.Steady(child, deliveries); break;
                    case "burst": burst = Analyzer.Burst(child, deliveries); break;
                    case "dashboard": dashboard = child.Dashboard; break;
                    case "delete": delete = child.Delete is null ? null : DeleteAnalyzer.Delete(child, deliveries); break;
                    default: scale = child.Scale; break;
                }
            }

            var notes = children.SelectMany(c => c.Notes.Concat(c.Error is { } e ? [$"{c.Workload}: {FirstLine(e)}"] : [])).Distinct().ToList();
            systems.Add(new SystemReport(system, steady, burst, scale, delete, dashboard, Math.Round(children.Sum(c => c.CpuSeconds), 2), Math.Round(children.Max(c => c.PeakRssMb), 1), notes));
        }

        var run = new RunInfo(
            "dotnet run -c Release --project bench/Belfry.LoadBench -- " + string.Join(' ', args),
            date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
            options.Quick, options.Concurrency, HangfirePeer.PollInterval.TotalMilliseconds, options.BelfryLogLevel);
        var report = new BenchReport(MachineInfo.Current(), run, systems);
        TablePrinter.Print(report, Console.Out);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOptions) + Environment.NewLine);
            Console.WriteLine($"wrote {path}");
        }

        return failed ? 1 : 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>
    /// Runs one child and collects its result and deliveries; <paramref name="inspect"/> is given the child's data
    /// directory after it exited, before the directory is deleted.
    /// </summary>
    public static async Task<(ChildResult Child, List<Delivery> Deliveries)> RunChildAsync(
        BenchOptions options, DeliverySink sink, string system, string workload, double marginFactor, Func<string, Task>? inspect = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "belfry-loadbench", $"{system}-{workload}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var resultPath = Path.Combine(directory, "result.json");
        var arguments = options.ChildArguments(system, workload);
        arguments.AddRange(["--sink", sink.Url.ToString(), "--data-dir", Path.Combine(directory, "data"), "--result", resultPath,
            "--margin-factor", marginFactor.ToString(CultureInfo.InvariantCulture)]);

        sink.Log.Reset();
        var start = SelfStartInfo(arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process");
        // A soak runs for its minutes, then drains for at most a few.
        using var limit = new CancellationTokenSource(workload == "soak" ? TimeSpan.FromMinutes(options.SoakMinutes + 10) : ChildLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var deliveries = sink.Log.Reset();
        var child = File.Exists(resultPath)
            ? JsonSerializer.Deserialize<ChildResult>(await File.ReadAllTextAsync(resultPath))!
            : new ChildResult { System = system, Workload = workload, Error = $"the child exited with {process.ExitCode} and wrote no result" };
        if (inspect is not null)
        {
            await inspect(Path.Combine(directory, "data"));
        }

        TryDelete(directory);
        return (child, deliveries);
    }

    /// <summary>Re-invokes this program: through its apphost, or through <c>dotnet</c> when run as a dll.</summary>
    public static ProcessStartInfo SelfStartInfo(List<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("unknown process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned eventually.
        }
    }
}
