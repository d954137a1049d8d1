using System.Diagnostics;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Server.Retention;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Retention;

/// <summary>
/// Retention over simulated time (issue 13, point 6): the real pass over the real SQLite store, a fake clock moved one
/// retention interval at a time, and each interval's executions written in bulk (<see cref="SimulatedJobHistory"/>).
/// A per-second job for a whole year (31.5 million executions, minutes of CPU) is the retention-year workload of
/// bench/Belfry.LoadBench, which drives the real RetentionService the same way.
/// </summary>
public sealed class ExecutionRetentionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-retention-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>
    /// The table never holds more than the age's worth of executions plus one interval's (those that arrived since the
    /// last pass), and after each pass exactly those that finished within the age; two executions left outstanding at
    /// the start, one Pending and one Running, are there at the end, a simulated year old.
    /// </summary>
    [Theory]
    [InlineData(60, 365, 7 * 24 * 60, 24 * 60)] // a per-minute job for a year, the shortest age (7 days), a pass a day
    [InlineData(1, 2, 60, 5)]                   // a per-second job for two days, a one-hour age, a pass every five minutes
    public async Task RunOnce_JobRunForSimulatedDays_TableStaysBoundedAndOutstandingExecutionsStay(
        int periodSeconds, int days, int ageMinutes, int intervalMinutes)
    {
        var period = TimeSpan.FromSeconds(periodSeconds);
        var age = TimeSpan.FromMinutes(ageMinutes);
        var interval = TimeSpan.FromMinutes(intervalMinutes);
        var time = new FakeTimeProvider(T0);
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, time, Ct);
        var job = new Job
        {
            Name = new LocationName("bench", "local").Job("every-tick"),
            Schedule = "* * * * * *",
            HttpTarget = new HttpTarget("http://127.0.0.1:9/tick", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
            UserUpdateTime = T0,
        };
        await stores.Jobs.CreateJobAsync(job, Ct);
        // Outstanding from the start: one claimed and never answered (Running, its lease long run out), one never claimed.
        var running = await stores.Jobs.CreateManualExecutionAsync(job.Name, T0, Ct);
        Assert.Single(await stores.Queue.ClaimDueAttemptsAsync(T0, 1, TimeSpan.FromSeconds(30), Ct));
        var pending = await stores.Jobs.CreateManualExecutionAsync(job.Name, T0, Ct);
        var retention = new ExecutionRetention(
            stores.Executions, stores.Pipelines, time, Options.Create(new RetentionOptions { ExecutionAge = age, BatchSize = 500 }),
            NullLogger<ExecutionRetention>.Instance);
        await using var history = new SimulatedJobHistory(Path.Combine(_dataDirectory, SqliteDatabase.FileName), job.Name.FullName, T0.AddSeconds(1), period);
        var bound = (long)((age + interval) / period) + 2;
        var largest = 0L;
        var clock = Stopwatch.StartNew();

        for (var now = T0 + interval; now <= T0.AddDays(days); now += interval)
        {
            time.SetUtcNow(now);
            await history.WriteUntilAsync(now, Ct);
            var before = await history.CountAsync("executions", Ct);
            largest = Math.Max(largest, before);
            Assert.True(before <= bound, $"{before} executions at {now:o}, more than {bound}");

            await retention.RunOnceAsync(Ct);

            Assert.Equal(history.FinishedSince(now - age) + 2, await history.CountAsync("executions", Ct));
        }

        output.WriteLine($"{history.Written:N0} executions over {days} simulated days; at most {largest:N0} held (bound {bound:N0}); {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(history.Written > 100_000, $"only {history.Written} executions simulated");
        Assert.Equal(await history.CountAsync("executions", Ct) - 2, await history.CountAsync("attempts", Ct));
        Assert.Equal((long)ExecutionState.Running, await history.ScalarAsync($"SELECT state FROM executions WHERE id = '{running.Id}'", Ct));
        Assert.Equal((long)ExecutionState.Pending, await history.ScalarAsync($"SELECT state FROM executions WHERE id = '{pending.Id}'", Ct));
    }
}
