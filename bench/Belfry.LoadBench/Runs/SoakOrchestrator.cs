using System.Globalization;
using System.Text.Json;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;
using Belfry.LoadBench.Sink;
using Belfry.Storage.Sqlite;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// The soak's parent: starts the sink, runs the soak's child (<see cref="SoakRunner"/>), reads the store it left, checks
/// it against the sink's log (<see cref="SoakChecks"/>), prints the figures and the checks, writes the JSON, and
/// answers 1 when a check failed.
/// </summary>
internal static class SoakOrchestrator
{
    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        var date = DateTimeOffset.UtcNow;
        await using var sink = await DeliverySink.StartAsync();
        Console.WriteLine($"sink at {sink.Url}; soak of {options.SoakMinutes} min against {PeerFactory.BelfrySqlite}");
        List<SoakStore.Execution> executions = [];
        List<SoakStore.Attempt> attempts = [];
        List<SoakStore.Notification> notifications = [];
        var (child, _) = await Orchestrator.RunChildAsync(options, sink, PeerFactory.BelfrySqlite, "soak", marginFactor: 1.5, async data =>
        {
            var file = Path.Combine(data, SqliteDatabase.FileName);
            if (File.Exists(file))
            {
                var store = new SoakStore(file);
                (executions, attempts, notifications) = (await store.ExecutionsAsync(), await store.AttemptsAsync(), await store.NotificationsAsync());
            }
        });

        if (child.Soak is not { } soak || child.Error is not null)
        {
            await Console.Error.WriteLineAsync($"the soak did not finish: {child.Error}");
            return 1;
        }

        var report = Build(options, args, date, child, soak, executions, attempts, notifications, sink.Soak.Snapshot());
        Print(report);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOptions) + Environment.NewLine);
            Console.WriteLine($"wrote {path}");
        }

        return report.Passed ? 0 : 1;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private static SoakReport Build(
        BenchOptions options, string[] args, DateTimeOffset date, ChildResult child, SoakChildResult soak,
        List<SoakStore.Execution> executions, List<SoakStore.Attempt> attempts, List<SoakStore.Notification> notifications, List<SoakArrival> arrivals)
    {
        var deliveries = SoakChecks.CheckDeliveries(executions, attempts, arrivals);
        var (firesChecked, missing, missingExamples) = SoakChecks.CheckFires(soak, executions);
        var doublePlanned = SoakChecks.DoublePlanned(executions);
        var notices = SoakChecks.CheckNotifications(notifications, arrivals);
        var (warm, end) = (soak.Samples[Math.Max(soak.WarmUpSample, 0)], soak.Samples[^1]);
        var rssGrowth = (end.RssMb - warm.RssMb) / warm.RssMb;
        var perRowGrowth = warm.BytesPerRow == 0 ? 0 : (end.BytesPerRow - warm.BytesPerRow) / warm.BytesPerRow;

        // What the store would hold once retention deletes as fast as the soak adds: the bytes one execution (with its
        // attempts and notifications) added after the warm-up, times the executions of a retention age at the soak's rate.
        double? atRetention = end.Executions > warm.Executions && end.Seconds > warm.Seconds
            ? (end.DatabaseUsedMb - warm.DatabaseUsedMb) / (end.Executions - warm.Executions)
              * ((end.Executions - warm.Executions) / (end.Seconds - warm.Seconds)) * 86_400 * soak.RetentionDays
            : null;

        var checks = new List<SoakCheck>
        {
            new("nothing lost: every recorded attempt reached its target", deliveries.LostAttempts == 0, $"{deliveries.LostAttempts} of {attempts.Count} attempts never arrived"),
            new("nothing lost: every succeeded execution was answered 2xx", deliveries.LostSuccesses == 0, $"{deliveries.LostSuccesses} without a 2xx answer"),
            new("nothing lost: every due time of a live job has an execution", missing == 0,
                $"{missing} of {firesChecked} due times missing{(missingExamples.Count > 0 ? " (" + string.Join(", ", missingExamples) + ")" : "")}"),
            new("nothing lost: every delivered notification reached the webhook, none given up or left", notices.Lost + notices.GivenUp + notices.Unfinished == 0,
                $"{notices.Delivered} delivered, {notices.Lost} never arrived, {notices.GivenUp} given up, {notices.Unfinished} unfinished"),
            new("no duplicate beyond lease takeovers", deliveries.Duplicates + doublePlanned + notices.Duplicates == 0,
                $"{deliveries.Duplicates} re-sent requests, {doublePlanned} times planned twice, {notices.Duplicates} notifications twice; {deliveries.LeaseTakeovers} lease takeovers"),
            new("memory flat: RSS at the end within 10 % of RSS after warm-up", rssGrowth <= SoakChecks.MaxRssGrowth,
                Str($"{warm.RssMb:0.0} MB at {warm.Seconds:0} s, {end.RssMb:0.0} MB at {end.Seconds:0} s ({rssGrowth:+0.0%;-0.0%})")),
            new("database grows only by its rows (retention deletes them)", perRowGrowth <= SoakChecks.MaxBytesPerRowGrowth,
                Str($"{warm.BytesPerRow:0} bytes a row after warm-up, {end.BytesPerRow:0} at the end ({perRowGrowth:+0.0%;-0.0%}); at {soak.RetentionDays:0} days' retention ≈ {atRetention:0} MB")),
            new("no API call refused during the traffic", soak.TrafficErrors.Count == 0, soak.TrafficErrors.FirstOrDefault() ?? "none"),
        };

        return new SoakReport(
            MachineInfo.Current(), "dotnet run -c Release --project bench/Belfry.LoadBench -- " + string.Join(' ', args),
            date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), options.SoakMinutes, child.Jobs, soak.Traffic, soak.TrafficErrors.Count,
            executions.Count, attempts.Count, notifications.Count, arrivals.LongCount(a => a.Target != "hook"), arrivals.LongCount(a => a.Target == "hook"),
            deliveries.LostAttempts, deliveries.LostSuccesses, firesChecked, missing, doublePlanned,
            deliveries.LeaseTakeovers, deliveries.Duplicates, notices.Delivered, notices.Lost, notices.Duplicates,
            notices.GivenUp, notices.Unfinished, notices.Throttled, notices.SentDuringRetryAfter,
            warm.RssMb, end.RssMb, Math.Round(rssGrowth * 100, 1),
            Math.Round(warm.BytesPerRow), Math.Round(end.BytesPerRow), end.DatabaseUsedMb, end.DatabaseOnDiskMb, soak.RetentionDays,
            atRetention is { } mb ? Math.Round(mb) : null, soak.DrainSeconds, soak.OutstandingAfterDrain,
            checks, soak.Samples, [.. child.Notes, Str($"CPU {child.CpuSeconds:0} s, peak RSS {child.PeakRssMb:0.0} MB")]);
    }

    private static void Print(SoakReport report)
    {
        Console.WriteLine();
        Console.WriteLine(Str($"soak: {report.Minutes} min, {report.Jobs} jobs; traffic {string.Join(", ", report.Traffic.Select(t => $"{t.Key} {t.Value}"))}"));
        Console.WriteLine(Str($"store: {report.Executions} executions, {report.Attempts} attempts, {report.Notifications} notifications; ") +
            Str($"targets saw {report.TargetRequests} requests, the webhook {report.WebhookRequests} ({report.Throttled} answered 429, {report.SentDuringRetryAfter} came within retry_after of one)"));
        Console.WriteLine("   s   RSS MB  store MB  disk MB  executions  attempts  notifications  bytes/row");
        foreach (var s in report.Samples)
        {
            Console.WriteLine(Str($"{s.Seconds,4:0}  {s.RssMb,7:0.0}  {s.DatabaseUsedMb,8:0.0}  {s.DatabaseOnDiskMb,7:0.0}  {s.Executions,10}  {s.Attempts,8}  {s.Notifications,13}  {s.BytesPerRow,9:0}"));
        }

        foreach (var check in report.Checks)
        {
            Console.WriteLine($"{(check.Passed ? "PASS" : "FAIL")}  {check.Name}: {check.Detail}");
        }

        Console.WriteLine(report.Passed ? "soak passed" : "soak FAILED");
    }

    private static string Str(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
