namespace Belfry.Core.Reports;

/// <summary>
/// The per-job, per-day counts of finished runs the stores keep for the dashboard's success rates (issue 16, point 6;
/// docs/dashboard.md): a run counts on its schedule time's UTC day, as the overview's window (<see cref="ReportWindow"/>
/// in UTC) filters on the schedule time.
/// </summary>
internal static class RunCounts
{
    /// <summary>
    /// Days kept, today's included: retention deletes older ones. The overview reads 8 (today and the 7 before it); 31
    /// leaves room for a month's window without the counts outgrowing it (10,000 jobs: at most 310,000 small rows).
    /// </summary>
    public const int KeepDays = 31;

    /// <summary>The first instant of <paramref name="instant"/>'s UTC day: the day a run scheduled then counts on.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The first day retention keeps at <paramref name="now"/>: older days' counts may be deleted.</summary>
    public static DateTimeOffset FirstKeptDay(DateTimeOffset now) => DayOf(now).AddDays(1 - KeepDays);

    /// <summary>True when <paramref name="since"/> starts a UTC day, the only windows the counts can answer exactly.</summary>
    public static bool IsDayStart(DateTimeOffset since) => since == DayOf(since);
}
