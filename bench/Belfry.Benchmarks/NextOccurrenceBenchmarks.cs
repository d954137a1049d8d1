using BenchmarkDotNet.Attributes;
using Belfry.Core.Scheduling;
using Cronos;
using NCrontab;

namespace Belfry.Benchmarks;

/// <summary>
/// The next occurrence after an instant: Belfry's <c>Schedule</c> (Cronos underneath, plus the day-field OR rule
/// and zone lookup) against raw Cronos and NCrontab, in UTC and, for the zone-aware two, in America/New_York.
/// NCrontab has no zones. Expressions mean the same in all three (none restricts both day fields).
/// </summary>
[MemoryDiagnoser]
public class NextOccurrenceBenchmarks
{
    private static readonly DateTimeOffset From = new(2027, 3, 13, 23, 59, 58, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private Schedule _belfryUtc = null!;
    private Schedule _belfryNewYork = null!;
    private CronExpression _cronos = null!;
    private CrontabSchedule _ncrontab = null!;

    [Params("* * * * * *", "*/5 * * * *", "0 6 * * *", "30 9 * * 1-5")]
    public string Expression { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _belfryUtc = Schedule.Parse(Expression, "Etc/UTC");
        _belfryNewYork = Schedule.Parse(Expression, "America/New_York");
        var seconds = Expression.Split(' ').Length == 6;
        _cronos = CronExpression.Parse(Expression, seconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        _ncrontab = CrontabSchedule.Parse(Expression, new CrontabSchedule.ParseOptions { IncludingSeconds = seconds });
    }

    [Benchmark(Baseline = true)]
    public DateTimeOffset? Cronos_Utc() => _cronos.GetNextOccurrence(From, TimeZoneInfo.Utc);

    [Benchmark]
    public DateTimeOffset? Belfry_Utc() => _belfryUtc.GetNextOccurrence(From);

    [Benchmark]
    public DateTime NCrontab_Utc() => _ncrontab.GetNextOccurrence(From.UtcDateTime);

    [Benchmark]
    public DateTimeOffset? Cronos_NewYork() => _cronos.GetNextOccurrence(From, NewYork);

    [Benchmark]
    public DateTimeOffset? Belfry_NewYork() => _belfryNewYork.GetNextOccurrence(From);
}
