using BenchmarkDotNet.Attributes;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Benchmarks;

/// <summary>
/// <c>OccurrencePlanner.Plan</c> for one due job, as the dispatcher calls it per job per cycle: on time (a
/// per-second job due now, a five-minute job due now), and after an hour of downtime (a per-minute job: 60 missed
/// times enumerated, one fired, the rest recorded).
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ScheduleCache _schedules = new();
    private DueJob _everySecond = null!;
    private DueJob _everyFiveMinutes = null!;
    private DueJob _afterDowntime = null!;

    [GlobalSetup]
    public void Setup()
    {
        _everySecond = Due("* * * * * *", Now);
        _everyFiveMinutes = Due("*/5 * * * *", Now);
        _afterDowntime = Due("* * * * *", Now.AddHours(-1));
    }

    [Benchmark(Baseline = true)]
    public int OnTime_EverySecond() => Plan(_everySecond);

    [Benchmark]
    public int OnTime_EveryFiveMinutes() => Plan(_everyFiveMinutes);

    [Benchmark]
    public int AfterOneHourDown_EveryMinute() => Plan(_afterDowntime);

    private int Plan(DueJob due)
    {
        var plan = OccurrencePlanner.Plan(due.ScheduleState, _schedules.Get(due.Job.Schedule, due.Job.TimeZone), Now);
        return plan.Fire.Count + plan.Missed.Count;
    }

    private static DueJob Due(string schedule, DateTimeOffset scheduleTime) => new(
        new Job
        {
            Name = new JobName("bench", "local", "job"),
            Schedule = schedule,
            HttpTarget = new HttpTarget("http://127.0.0.1:9/", HttpMethodKind.Post, [], new byte[16], null),
            ScheduleTime = scheduleTime,
        },
        OutstandingExecutions: 0,
        DeferredTime: null);
}
