namespace Belfry.Core.Reports;

/// <summary>
/// The days a report covers, counted as the article's <c>run_date &gt;= DATE_SUB(CURRENT_DATE('Asia/Tokyo'), INTERVAL 7 DAY)</c>:
/// today in the zone and the <c>days</c> dates before it. An execution's run date is its schedule time's date in that
/// zone, so the window is every schedule time from the first instant of the earliest date on.
/// </summary>
internal static class ReportWindow
{
    /// <summary>The most days a report may go back: a year, leap day included.</summary>
    public const int MaxDays = 366;

    /// <summary>The first instant whose date in <paramref name="zone"/> is <paramref name="days"/> dates before today's.</summary>
    public static DateTimeOffset Since(DateTimeOffset now, TimeZoneInfo zone, int days)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return StartOfDay(today.AddDays(-days), zone);
    }

    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>. Where a DST change skips midnight
    /// (America/Santiago on 2024-09-08 goes from 23:59:59 to 01:00) the day starts when the gap ends; where it repeats
    /// midnight, at its first occurrence.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Transitions fall on whole minutes (since the 1900s); a gap is at most a day, so the walk ends.
        for (var minute = 0; minute < 2 * 24 * 60 && zone.IsInvalidTime(local); minute++)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToOffset(TimeSpan.Zero);
    }
}
