using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/New_York")]
    [InlineData("Etc/UTC")]
    public void Find_IanaId_TheZoneTwiceTheSameInstance(string id)
    {
        var zone = TimeZones.Find(id);

        Assert.Equal(id, zone.Id);
        Assert.Same(zone, TimeZones.Find(id));
    }

    [Theory]
    [InlineData("Mars/Olympus", "unknown time zone")]
    [InlineData("asia/tokyo", "unknown time zone \"asia/tokyo\"; did you mean \"Asia/Tokyo\"?")]
    [InlineData("JST", "unknown time zone \"JST\"; did you mean \"Asia/Tokyo\"?")]
    [InlineData("Tokyo Standard Time", "not an IANA time zone id; use \"Asia/Tokyo\"")]
    public void Find_NotAnIanaId_ScheduleFormatExceptionNamingTimeZone(string id, string expected)
    {
        var e = Assert.Throws<ScheduleFormatException>(() => TimeZones.Find(id));

        Assert.StartsWith("timeZone: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
