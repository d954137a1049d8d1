using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Belfry.Core.Jobs;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;
using Belfry.Server.Notifications;
using Belfry.Server.Retention;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.LoadBench.Retention;

/// <summary>
/// The retention-year workload (issue 13, point 6; bench/README.md): a per-second job's executions, one attempt each,
/// written into a real SQLite store for a simulated year (<see cref="SimulatedJobHistory"/>, one retention interval at a
/// time), while the real <see cref="RetentionService"/> runs its passes on its own timer under a fake clock, at the
/// default settings (<see cref="RetentionOptions"/>: 30 days, a pass every 5 minutes, 500 a batch). Fails if the table
/// ever holds more than the age's worth of executions plus one interval's, if a pass keeps other rows than those
/// finished within the age, or if an outstanding execution or a job's newest success is deleted.
/// </summary>
internal static class RetentionYearRunner
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly JobName PerSecond = new LocationName("bench", "local").Job("every-second");

    public static async Task<int> RunAsync(BenchOptions options, IEnumerable<string> args)
    {
        var directory = Directory.CreateTempSubdirectory("belfry-retention-year-").FullName;
        try
        {
            var (months, failure) = await SimulateAsync(directory, T0.AddDays(options.RetentionDays), CancellationToken.None);
            if (options.JsonPath is { } path)
            {
                var command = "dotnet run -c Release --project bench/Belfry.LoadBench -- " + string.Join(' ', args);
                var report = new { command, date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), machine = MachineInfo.Current(), days = options.RetentionDays, failure, months };
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOptions) + Environment.NewLine);
                Console.WriteLine($"wrote {path}");
            }

            if (failure is not null)
            {
                await Console.Error.WriteLineAsync("FAILED: " + failure);
                return 1;
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private static async Task<(List<RetentionMonth> Months, string? Failure)> SimulateAsync(string directory, DateTimeOffset end, CancellationToken ct)
    {
        var settings = new RetentionOptions();
        var (age, interval) = (settings.ExecutionAge, settings.Interval);
        var time = new FakeTimeProvider(T0);
        using var clock = new SignallingClock(time);
        await using var stores = await SqliteStores.OpenAsync(directory, time, ct);
        await stores.Jobs.CreateJobAsync(KeptExecutions.NewJob(PerSecond, "* * * * * *", T0), ct);
        var kept = await KeptExecutions.CreateAsync(stores, PerSecond, T0, ct);
        var file = Path.Combine(directory, SqliteDatabase.FileName);
        await using var history = new SimulatedJobHistory(file, PerSecond.FullName, T0.AddSeconds(1), Period);

        var counter = new DeletionCounter();
        var options = Options.Create(settings);
        using var service = new RetentionService(
            new ExecutionRetention(stores.Executions, stores.Pipelines, clock, options, counter),
            new DeletedJobHistory(stores.Executions, clock, options, NullLogger<DeletedJobHistory>.Instance),
            new OutboxRetention(stores.Outbox, clock, Options.Create(new NotificationOptions()), options, NullLogger<OutboxRetention>.Instance),
            new RunCountRetention(stores.Executions, clock, options, NullLogger<RunCountRetention>.Instance),
            clock, options, counter);
        await service.StartAsync(ct);
        await clock.TimerCreatedAsync(ct); // the pass at start-up is done

        // The most a table may hold just before a pass: the age's worth of executions and one interval's more, plus the
        // rows made at the start (KeptExecutions).
        var bound = (long)((age + interval) / Period) + kept.KeptAt(T0);
        var held = await history.CountAsync("executions", ct);
        var months = new List<RetentionMonth>();
        var month = new MonthTally();
        var wall = Stopwatch.StartNew();
        Console.WriteLine($"retention-year: a per-second job from {T0:yyyy-MM-dd} to {end:yyyy-MM-dd}, age {age.TotalDays} days, a pass every {interval.TotalMinutes} min, {settings.BatchSize} a batch; bound {bound:N0} executions");
        Console.WriteLine("month        written   peak held  held at end      bound     deleted   file MB   used MB   wall s    CPU s");

        for (var now = T0; now < end;)
        {
            var next = now + interval;
            var written = await history.WriteUntilAsync(next, ct);
            held += written;
            month.Add(written, held);
            if (held > bound)
            {
                return (months, $"{held:N0} executions held at {next:o}, more than {bound:N0}");
            }

            time.Advance(interval);
            await clock.TimerCreatedAsync(ct); // the pass the timer woke is done
            now = next;
            if (counter.Failure is { } e)
            {
                return (months, $"the pass at {now:o} failed: {e.Message}");
            }

            var deleted = counter.Take();
            held -= deleted;
            month.Deleted += deleted;
            var cutoff = now - age;
            var expected = history.FinishedSince(cutoff) + kept.KeptAt(cutoff);
            if (held != expected)
            {
                return (months, $"the pass at {now:o} left {held:N0} executions, not the {expected:N0} that finished within the age (or must stay)");
            }

            if (now.Month != (now - interval).Month || now >= end)
            {
                var figures = await CloseMonthAsync(month, now - interval, history, kept, file, held, bound, cutoff, wall, ct);
                if (figures.Problem is { } problem)
                {
                    return (months, problem);
                }

                months.Add(figures.Month);
                Print(figures.Month);
                month = new MonthTally();
            }
        }

        await service.StopAsync(ct);
        return (months, null);
    }

    /// <summary>A month's figures, after checking what must stay is there and the counts kept here are the table's.</summary>
    private static async Task<(RetentionMonth Month, string? Problem)> CloseMonthAsync(
        MonthTally month, DateTimeOffset inMonth, SimulatedJobHistory history, KeptExecutions kept, string file, long held, long bound,
        DateTimeOffset cutoff, Stopwatch wall, CancellationToken ct)
    {
        var executions = await history.CountAsync("executions", ct);
        var attempts = await history.CountAsync("attempts", ct);
        var (onDisk, used) = await SqliteFiles.SizeAsync(file);
        var figures = new RetentionMonth(
            inMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), month.Written, month.Peak, executions, attempts, bound, month.Deleted,
            Math.Round(onDisk / 1e6, 1), Math.Round(used / 1e6, 1), Math.Round(wall.Elapsed.TotalSeconds, 1),
            Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, 1));
        var problems = await kept.ProblemsAsync(history, cutoff, ct);
        if (executions != held)
        {
            problems.Add($"the table holds {executions:N0} executions, the passes' counts say {held:N0}");
        }

        // Every execution has its one attempt but the two outstanding ones, never attempted or never answered.
        if (attempts != executions - 2)
        {
            problems.Add($"{attempts:N0} attempts for {executions:N0} executions: retention left attempts behind or took some with them");
        }

        if (history.NewestSuccess is { } newest
            && await history.ScalarAsync($"SELECT count(*) FROM executions WHERE job_name = '{PerSecond.FullName}' AND state = 2 AND schedule_time = {newest.UtcTicks}", ct) != 1)
        {
            problems.Add($"every-second's newest success ({newest:o}) was deleted");
        }

        return (figures, problems.Count == 0 ? null : $"{figures.Month}: {string.Join("; ", problems)}");
    }

    private static void Print(RetentionMonth m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{m.Month}  {m.Written,12:N0}  {m.PeakExecutions,10:N0}  {m.FinalExecutions,11:N0}  {m.Bound,9:N0}  {m.Deleted,10:N0}  {m.FileMb,8:F1}  {m.UsedMb,8:F1}  {m.WallSeconds,7:F1}  {m.CpuSeconds,7:F1}"));
}
