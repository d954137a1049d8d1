using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

public sealed class ScheduleTimeFormatTests
{
    // America/New_York, 2027-11-07: 05:30Z is 01:30 EDT (-04:00); at 06:00Z clocks go back; 06:30Z is 01:30 EST (-05:00).
    [Theory]
    [InlineData("2027-11-07T05:30:00Z", "America/New_York", "2027-11-07T01:30:00-04:00")]
    [InlineData("2027-11-07T06:30:00Z", "America/New_York", "2027-11-07T01:30:00-05:00")]
    [InlineData("2027-01-01T21:00:00.987Z", "Asia/Tokyo", "2027-01-02T06:00:00+09:00")]
    [InlineData("2027-06-01T06:00:00Z", "Etc/UTC", "2027-06-01T06:00:00+00:00")]
    public void Format_InstantInZone_Rfc3339WithTheZonesOffsetAndNoFraction(string instant, string zone, string expected)
    {
        var text = ScheduleTimeFormat.Format(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(expected, text);
    }
}
