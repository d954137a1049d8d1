namespace Belfry.Contracts.Reports;

/// <summary>
/// Belfry extension: the success-rate report of a location's jobs (<c>GET …/locations/*/jobs:report?days=7&amp;timeZone=…</c>),
/// as the article's <c>run_date &gt;= DATE_SUB(CURRENT_DATE(zone), INTERVAL days DAY)</c>: today in the zone and the
/// <c>days</c> dates before it, an execution's run date being its schedule time's date in the zone.
/// </summary>
public sealed class RunReportResponse
{
    /// <summary>The IANA zone the dates are counted in.</summary>
    public string? TimeZone { get; set; }

    /// <summary>How many dates before today the window reaches.</summary>
    public int Days { get; set; }

    /// <summary>The window's first date in the zone, <c>yyyy-MM-dd</c>.</summary>
    public string? StartDate { get; set; }

    /// <summary>The window's first instant: schedule times from here on are in it.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>One line per job with a finished run in the window, by job name; jobs without one are left out.</summary>
    public List<JobRunReport> Jobs { get; set; } = [];
}
