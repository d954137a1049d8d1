using System.Globalization;
using Belfry.Core.Reports;

namespace Belfry.Core.Tests.Reports;

/// <summary>
/// The report's window, as the article's <c>run_date &gt;= DATE_SUB(CURRENT_DATE(zone), INTERVAL days DAY)</c>: the
/// first instant of the date <c>days</c> before today in the zone.
/// </summary>
public sealed class ReportWindowTests
{
    [Theory]
    // now (UTC)              zone               days  since (UTC)
    [InlineData("2030-01-15T12:00:00Z", "Asia/Tokyo", 7, "2030-01-07T15:00:00Z")] // 21:00 on the 15th in Tokyo: from the 8th
    [InlineData("2030-01-15T12:00:00Z", "UTC", 7, "2030-01-08T00:00:00Z")]
    [InlineData("2030-01-15T14:59:59Z", "Asia/Tokyo", 0, "2030-01-14T15:00:00Z")] // 23:59:59 on the 15th in Tokyo: today only
    [InlineData("2030-01-15T15:00:00Z", "Asia/Tokyo", 0, "2030-01-15T15:00:00Z")] // midnight in Tokyo: a new today
    [InlineData("2030-01-15T03:00:00Z", "America/New_York", 1, "2030-01-13T05:00:00Z")] // still the 14th in New York
    [InlineData("2027-03-15T12:00:00Z", "America/New_York", 1, "2027-03-14T05:00:00Z")] // the 14th began in EST, before the spring-forward
    public void Since_TodayInTheZoneAndDaysBefore_FirstInstantOfTheEarliestDate(string now, string zone, int days, string since) =>
        Assert.Equal(Instant(since), ReportWindow.Since(Instant(now), TimeZoneInfo.FindSystemTimeZoneById(zone), days));

    [Theory]
    // America/Santiago, 2024-09-08: 23:59:59 -04 is followed by 01:00 -03; midnight never happens.
    //   local  … 23:59:59 (-04) │ gap │ 01:00 (-03) …        the day starts at 01:00 -03 = 04:00Z
    [InlineData("2024-09-08", "America/Santiago", "2024-09-08T04:00:00Z")]
    // America/Havana, 2024-11-03: 01:00 CDT (-04) goes back to 00:00 CST (-05); midnight happens twice.
    //   local  00:00 (-04) … 00:59 (-04) │ 00:00 (-05) …         the day starts at the first: 04:00Z
    [InlineData("2024-11-03", "America/Havana", "2024-11-03T04:00:00Z")]
    [InlineData("2030-01-15", "Asia/Tokyo", "2030-01-14T15:00:00Z")]
    public void StartOfDay_MidnightSkippedRepeatedOrNormal_FirstInstantOfTheDate(string date, string zone, string start) =>
        Assert.Equal(Instant(start), ReportWindow.StartOfDay(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Theory]
    [InlineData(-1)]
    [InlineData(ReportWindow.MaxDays + 1)]
    public void Since_DaysOutOfRange_Throws(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportWindow.Since(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, days));

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
