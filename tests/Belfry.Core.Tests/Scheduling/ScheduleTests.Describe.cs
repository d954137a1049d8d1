using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

// What `belfry cron next` prints: UTC, local time with the zone's offset, and a note on every DST adjustment.
// The timelines are drawn above the DST blocks in ScheduleTests.Dst.cs.
public sealed partial class ScheduleTests
{
    [Theory]
    // New York spring forward, 2027-03-14 02:00 EST → 03:00 EDT (07:00Z).
    [InlineData("30 2 * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-14T03:00:00-04:00",
        "02:30 does not exist (spring forward); fired at 03:00 -04:00")]
    [InlineData("0 * * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-14T03:00:00-04:00",
        "02:00 does not exist (spring forward); fired at 03:00 -04:00")]
    [InlineData("30 30 2 * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-14T03:00:00-04:00",
        "02:30:30 does not exist (spring forward); fired at 03:00 -04:00")]
    [InlineData("0 3 * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-14T03:00:00-04:00", null)]
    [InlineData("0 * * * *", "America/New_York", "2027-03-14T06:00:00Z", "2027-03-14T01:00:00-05:00", null)]
    // New York fall back, 2027-11-07 02:00 EDT → 01:00 EST (06:00Z).
    [InlineData("30 1 * * *", "America/New_York", "2027-11-07T05:30:00Z", "2027-11-07T01:30:00-04:00",
        "01:30 occurs twice (fall back); fired at the first, -04:00")]
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T05:00:00Z", "2027-11-07T01:00:00-04:00",
        "01:00 occurs twice (fall back); fired at the first, -04:00")]
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T06:00:00Z", "2027-11-07T01:00:00-05:00",
        "01:00 occurs twice (fall back); fired at the second, -05:00")]
    [InlineData("0 * * * *", "America/New_York", "2027-11-07T07:00:00Z", "2027-11-07T02:00:00-05:00", null)]
    // London, 2027-03-28 01:00 GMT → 02:00 BST and 2027-10-31 02:00 BST → 01:00 GMT.
    [InlineData("30 1 * * *", "Europe/London", "2027-03-28T01:00:00Z", "2027-03-28T02:00:00+01:00",
        "01:30 does not exist (spring forward); fired at 02:00 +01:00")]
    [InlineData("30 1 * * *", "Europe/London", "2027-10-31T00:30:00Z", "2027-10-31T01:30:00+01:00",
        "01:30 occurs twice (fall back); fired at the first, +01:00")]
    // No transition.
    [InlineData("0 9 * * *", "America/New_York", "2027-01-01T14:00:00Z", "2027-01-01T09:00:00-05:00", null)]
    [InlineData("0 6 * * *", "Asia/Tokyo", "2027-03-14T21:00:00Z", "2027-03-15T06:00:00+09:00", null)]
    [InlineData("0 0 * * *", "UTC", "2027-03-14T00:00:00Z", "2027-03-14T00:00:00+00:00", null)]
    public void Describe_Occurrence_GivesUtcLocalAndDstNote(
        string expression, string zone, string utc, string expectedLocal, string? expectedNote)
    {
        var schedule = Schedule.Parse(expression, zone);

        var described = schedule.Describe(At(utc));

        Assert.Equal(utc, Utc(described.Utc));
        Assert.Equal(expectedLocal, LocalText(described.Local));
        Assert.Equal(expectedNote, described.DstNote);
    }

    [Fact]
    public void Describe_InputWithOffset_AnswersUtcWithOffsetZero()
    {
        var schedule = Schedule.Parse("0 9 * * *", "America/New_York");

        var described = schedule.Describe(At("2027-01-01T09:00:00-05:00"));

        Assert.Equal("2027-01-01T14:00:00Z", Utc(described.Utc));
    }

    [Fact]
    public void DescribeNext_AcrossFallBack_MarksOnlyTheRepeatedDay()
    {
        var schedule = Schedule.Parse("30 1 * * *", "America/New_York");

        var next = schedule.DescribeNext(At("2027-11-06T00:00:00Z"), 3).ToList();

        Assert.Equal(
            ["2027-11-06T01:30:00-04:00", "2027-11-07T01:30:00-04:00", "2027-11-08T01:30:00-05:00"],
            next.Select(o => LocalText(o.Local)));
        Assert.Equal(
            ["2027-11-06T05:30:00Z", "2027-11-07T05:30:00Z", "2027-11-08T06:30:00Z"],
            next.Select(o => Utc(o.Utc)));
        Assert.Equal([null, "01:30 occurs twice (fall back); fired at the first, -04:00", null], next.Select(o => o.DstNote));
    }

    [Fact]
    public void DescribeNext_ScheduleRunsOut_StopsEarly()
    {
        var schedule = Schedule.Parse("0 0 29 2 *", "UTC");

        // 9996 is the last leap year before DateTimeOffset.MaxValue (9999-12-31).
        var next = schedule.DescribeNext(At("9995-01-01T00:00:00Z"), 10);

        Assert.Equal(["9996-02-29T00:00:00Z"], next.Select(o => Utc(o.Utc)));
    }

    [Fact]
    public void DescribeNext_ZeroCount_IsEmpty()
    {
        Assert.Empty(Schedule.Parse("* * * * *", "UTC").DescribeNext(At("2027-01-01T00:00:00Z"), 0));
    }

    [Fact]
    public void DescribeNext_NegativeCount_Throws()
    {
        var schedule = Schedule.Parse("* * * * *", "UTC");

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.DescribeNext(At("2027-01-01T00:00:00Z"), -1));
    }
}
