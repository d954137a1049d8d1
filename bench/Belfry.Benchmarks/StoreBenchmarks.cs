using BenchmarkDotNet.Attributes;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Belfry.Storage.Sqlite;

namespace Belfry.Benchmarks;

/// <summary>
/// The SQLite store's dispatch path for a batch of <see cref="BatchSize"/> per-second jobs, as one dispatcher cycle
/// does it: <c>PlanDueJobsAsync</c> (one transaction, which creates the executions already claimed), then one
/// <c>RecordAttemptsAsync</c> group commit for their results. Reported per delivery (OperationsPerInvoke). Each invocation moves a
/// simulated clock on one second, so the same jobs are due again; executions and attempts accumulate in the file
/// as they do in a running server.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    public const int BatchSize = 100;
    private static readonly TimeSpan AttemptLease = TimeSpan.FromSeconds(30);
    private readonly ScheduleCache _schedules = new();
    private string _directory = "";
    private SqliteStores _store = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task<int> PlanClaimRecord()
    {
        _now = _now.AddSeconds(1);
        var now = _now;
        var planned = await _store.Queue.PlanDueJobsAsync(
            now, now, 500, AttemptLease, due => OccurrencePlanner.Plan(due.ScheduleState, _schedules.Get(due.Job.Schedule, due.Job.TimeZone), now), CancellationToken.None);
        var results = planned.Fired.Select(claim => new AttemptResult(
            claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, now, TimeSpan.FromMilliseconds(3),
            200, null, Succeeded: true, NextAttemptTime: null, new JobStatus(0, ""), now)).ToList();
        await _store.Queue.RecordAttemptsAsync(results, CancellationToken.None);
        return results.Count;
    }

    private async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "belfry-bench-store-" + Guid.NewGuid().ToString("N"));
        _now = new DateTimeOffset(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);
        _store = await SqliteStores.OpenAsync(_directory, TimeProvider.System, CancellationToken.None);
        for (var i = 0; i < BatchSize; i++)
        {
            await _store.Jobs.CreateJobAsync(new Job
            {
                Name = new JobName("bench", "local", $"job-{i:D4}"),
                Schedule = "* * * * * *",
                HttpTarget = new HttpTarget("http://127.0.0.1:9/", HttpMethodKind.Post, [], new byte[16], null),
                State = JobState.Enabled,
                ScheduleTime = _now.AddSeconds(1),
                UserUpdateTime = _now,
            }, CancellationToken.None);
        }
    }
}
