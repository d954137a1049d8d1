using System.Globalization;

namespace Belfry.LoadBench.Reporting;

/// <summary>The summary table on stdout.</summary>
internal static class TablePrinter
{
    public static void Print(BenchReport report, TextWriter output)
    {
        var m = report.Machine;
        output.WriteLine();
        output.WriteLine($"{m.Cpu}, {m.Cores} cores, {m.MemoryGb} GB, {m.Os}, {m.Runtime}");
        output.WriteLine("| system | steady jobs | p50 ms | p99 ms | max ms | lost | dup | burst jobs | seconds | deliveries/s | lost | dup | CPU s | peak RSS MB |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in report.Systems)
        {
            var st = s.Steady;
            var b = s.Burst;
            output.WriteLine(string.Join(" | ",
                "| " + s.Name,
                N(st?.Jobs), F(st?.LatenessP50Ms, "0"), F(st?.LatenessP99Ms, "0"), F(st?.LatenessMaxMs, "0"), N(st?.Lost), N(st?.Duplicated),
                N(b?.Jobs), F(b?.Seconds, "0.00"), F(b?.DeliveriesPerSecond, "0"), N(b?.Lost), N(b?.Duplicated),
                F(s.CpuSeconds, "0.0"), F(s.PeakRssMb, "0")) + " |");
        }

        foreach (var s in report.Systems.Where(s => s.Scale is not null))
        {
            var c = s.Scale!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name} scale: {c.IdleJobs:N0} idle + {c.DispatchingJobs:N0} per-second jobs; RSS {c.RssBeforeMb:0} -> {c.RssAfterMb:0} MB ({c.KbPerJob:0.00} kB/job); ") +
                string.Create(CultureInfo.InvariantCulture,
                $"list page p50/p99 {c.ListPageMs.P50}/{c.ListPageMs.P99} ms; describe p50/p99 {c.DescribeMs.P50}/{c.DescribeMs.P99} ms; restart {c.RestartMs} ms, first delivery {c.FirstDeliveryAfterRestartMs} ms; ") +
                string.Create(CultureInfo.InvariantCulture,
                $"database {c.DatabaseMb} MB with retention on ({c.RetentionDays} days), {c.BytesPerExecution} bytes/execution, {c.SteadyDatabaseMb} MB once retention keeps pace"));
        }

        foreach (var s in report.Systems.Where(s => s.Delete is not null))
        {
            var d = s.Delete!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name} delete: a job with {d.HistoryExecutions:N0} finished executions deleted while {d.Jobs} per-second jobs dispatch; the call {d.DeleteCallMs} ms, GET then {d.GetAfterDeleteStatus}; ") +
                string.Create(CultureInfo.InvariantCulture,
                $"first batch seen {F(d.FirstBatchSeenSeconds, "0.0")} s and history gone {F(d.HistoryGoneSeconds, "0.0")} s after the call ({F(d.HistoryExecutionsPerSecond, "N0")} executions/s, batches of {d.RetentionBatchSize}, retention every {d.RetentionIntervalSeconds} s); ") +
                string.Create(CultureInfo.InvariantCulture, $"lost {d.Whole.Lost}, dup {d.Whole.Duplicated}"));
            output.WriteLine("| phase | seconds | arrivals | longest gap ms | lateness p50 ms | p99 ms | max ms | lost | dup |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in d.Phases)
            {
                output.WriteLine(string.Join(" | ", "| " + p.Name, N(p.ToUnix - p.FromUnix), N(p.Arrivals), F(p.LongestGapMs, "0"),
                    F(p.LatenessP50Ms, "0"), F(p.LatenessP99Ms, "0"), F(p.LatenessMaxMs, "0"), N(p.Lost), N(p.Duplicated)) + " |");
            }
        }

        foreach (var s in report.Systems.Where(s => s.Dashboard is not null))
        {
            var d = s.Dashboard!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name} dashboard: {d.Jobs:N0} jobs, {d.Executions:N0} executions, seeded in {d.SeedSeconds:0.0} s"));
            output.WriteLine("| page | path | requests | server p50 ms | p95 ms | max ms | client p50 ms | p95 ms | max ms | bytes |");
            output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in d.Pages)
            {
                output.WriteLine(string.Join(" | ", "| " + p.Page, p.Path, N(p.Server.Count), F(p.Server.P50, "0.0"), F(p.Server.P95, "0.0"), F(p.Server.Max, "0.0"),
                    F(p.Client.P50, "0.0"), F(p.Client.P95, "0.0"), F(p.Client.Max, "0.0"), N(p.Bytes)) + " |");
            }
        }

        foreach (var s in report.Systems.Where(s => s.Notes.Count > 0))
        {
            output.WriteLine($"{s.Name}: {string.Join("; ", s.Notes)}");
        }
    }

    private static string N(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
