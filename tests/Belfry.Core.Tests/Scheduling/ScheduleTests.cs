using System.Globalization;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

/// <summary>
/// Schedule's contract: instants in and out are UTC, "next" is strictly after, ranges are inclusive and lazy.
/// The calendar tables live in the other ScheduleTests.*.cs parts.
/// </summary>
public sealed partial class ScheduleTests
{
    [Fact]
    public void Parse_ValidExpression_KeepsExpressionAndZone()
    {
        var schedule = Schedule.Parse("0 9 * * 1-5", "America/New_York");

        Assert.Equal("0 9 * * 1-5", schedule.Expression);
        Assert.Equal("America/New_York", schedule.TimeZone.Id);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Europe/London")]
    [InlineData("Asia/Tokyo")]
    public void Parse_IanaZone_Accepted(string zone)
    {
        Assert.Equal(zone, Schedule.Parse("0 0 * * *", zone).TimeZone.Id);
    }

    [Theory]
    [InlineData("  0 9 * * *  ")]
    [InlineData("0\t9  * * *")]
    public void Parse_ExtraSpacesAndTabs_Accepted(string expression)
    {
        var next = Schedule.Parse(expression, "UTC").GetNextOccurrence(At("2027-01-01T00:00:00Z"));

        AssertUtc("2027-01-01T09:00:00Z", next);
    }

    [Fact]
    public void GetNextOccurrence_AtAnOccurrence_ReturnsTheNextOne()
    {
        var schedule = Schedule.Parse("0 9 * * *", "UTC");

        AssertUtc("2027-01-02T09:00:00Z", schedule.GetNextOccurrence(At("2027-01-01T09:00:00Z")));
    }

    [Fact]
    public void GetNextOccurrence_OneTickBeforeAnOccurrence_ReturnsIt()
    {
        var schedule = Schedule.Parse("0 9 * * *", "UTC");

        AssertUtc("2027-01-01T09:00:00Z", schedule.GetNextOccurrence(At("2027-01-01T09:00:00Z").AddTicks(-1)));
    }

    [Fact]
    public void GetNextOccurrence_InputWithOffset_TreatedAsInstantAndAnsweredInUtc()
    {
        var schedule = Schedule.Parse("0 9 * * *", "America/New_York");

        // 2027-01-01T08:00-05:00 is 13:00Z; 09:00 New York (14:00Z) is still ahead.
        var next = schedule.GetNextOccurrence(At("2027-01-01T08:00:00-05:00"));

        AssertUtc("2027-01-01T14:00:00Z", next);
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4 *")]
    public void GetNextOccurrence_DateThatNeverExists_ReturnsNull(string expression)
    {
        Assert.Null(Schedule.Parse(expression, "UTC").GetNextOccurrence(At("2027-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("UTC")]
    [InlineData("Pacific/Pago_Pago")]
    public void GetNextOccurrence_EndOfRepresentableTime_ReturnsNullWithoutThrowing(string zone)
    {
        // Cronos overflows on local ticks here in zones east of UTC (+14:00 for Kiritimati).
        var schedule = Schedule.Parse("* * * * *", zone);

        Assert.Null(schedule.GetNextOccurrence(DateTimeOffset.MaxValue.AddHours(-13)));
        Assert.Null(schedule.GetNextOccurrence(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void GetOccurrences_BothEndsAreOccurrences_IncludesBoth()
    {
        var schedule = Schedule.Parse("0 * * * *", "UTC");

        var occurrences = schedule.GetOccurrences(At("2027-01-01T01:00:00Z"), At("2027-01-01T03:00:00Z"));

        Assert.Equal(["2027-01-01T01:00:00Z", "2027-01-01T02:00:00Z", "2027-01-01T03:00:00Z"], occurrences.Select(Utc));
    }

    [Fact]
    public void GetOccurrences_SingleInstantRangeOnAnOccurrence_YieldsIt()
    {
        var schedule = Schedule.Parse("0 * * * *", "UTC");

        Assert.Single(schedule.GetOccurrences(At("2027-01-01T01:00:00Z"), At("2027-01-01T01:00:00Z")));
    }

    [Fact]
    public void GetOccurrences_FromAfterTo_YieldsNothing()
    {
        var schedule = Schedule.Parse("* * * * *", "UTC");

        Assert.Empty(schedule.GetOccurrences(At("2027-01-02T00:00:00Z"), At("2027-01-01T00:00:00Z")));
    }

    [Fact]
    public void GetOccurrences_UnboundedRange_IsLazy()
    {
        var schedule = Schedule.Parse("@every_second", "UTC");

        var first = schedule.GetOccurrences(At("2027-01-01T00:00:00Z"), DateTimeOffset.MaxValue).Take(3);

        Assert.Equal(["2027-01-01T00:00:00Z", "2027-01-01T00:00:01Z", "2027-01-01T00:00:02Z"], first.Select(Utc));
    }

    [Fact]
    public void GetOccurrences_InAZone_AnswersInUtc()
    {
        var schedule = Schedule.Parse("0 6 * * *", "Asia/Tokyo");

        var occurrences = schedule.GetOccurrences(At("2027-01-01T00:00:00Z"), At("2027-01-03T00:00:00Z")).ToList();

        Assert.Equal(["2027-01-01T21:00:00Z", "2027-01-02T21:00:00Z"], occurrences.Select(Utc));
        Assert.All(occurrences, o => Assert.Equal(TimeSpan.Zero, o.Offset));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>The instant as UTC text; Schedule only ever answers with offset zero.</summary>
    private static string Utc(DateTimeOffset instant)
    {
        Assert.Equal(TimeSpan.Zero, instant.Offset);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The instant in the schedule's zone with that zone's offset, e.g. 2027-03-14T03:00:00-04:00.</summary>
    private static string Local(Schedule schedule, DateTimeOffset instant)
    {
        Assert.Equal(TimeSpan.Zero, instant.Offset);
        return LocalText(TimeZoneInfo.ConvertTime(instant, schedule.TimeZone));
    }

    private static string LocalText(DateTimeOffset local) =>
        local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void AssertUtc(string expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, Utc(actual.Value));
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/>, in local time.</summary>
    private static string[] Next(Schedule schedule, DateTimeOffset after, int count)
    {
        var result = new List<string>();
        for (var next = schedule.GetNextOccurrence(after); next is { } at && result.Count < count; next = schedule.GetNextOccurrence(at))
        {
            result.Add(Local(schedule, at));
        }

        return [.. result];
    }
}
