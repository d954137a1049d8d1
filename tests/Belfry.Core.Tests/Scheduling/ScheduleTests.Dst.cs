using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

// DST as Cronos does it, pinned (docs/semantics.md, "Time zones and DST"). Each row lists every fire in a window
// around one transition as local time with its offset, which fixes the instant and the offset at once.
public sealed partial class ScheduleTests
{
    // America/New_York, Sunday 2027-03-14, spring forward at 02:00 EST (07:00Z):
    //
    //   local  00:00 -05 ── 01:00 -05 ── 01:59:59 -05 ┐          ┌ 03:00 -04 ── 04:00 -04 ── 05:00 -04
    //   utc    05:00       06:00        06:59:59      └─ 02:xx ─┘  07:00       08:00       09:00
    //                                                   never
    //
    // A time in the gap fires once at 03:00 EDT; several gap times and 03:00 itself merge into that one fire.
    [Theory]
    [InlineData("30 2 * * *", new[] { "2027-03-14T03:00:00-04:00" })]
    [InlineData("0 2 * * *", new[] { "2027-03-14T03:00:00-04:00" })]
    [InlineData("0 2,3 * * *", new[] { "2027-03-14T03:00:00-04:00" })]
    [InlineData("0 3 * * *", new[] { "2027-03-14T03:00:00-04:00" })]
    [InlineData("30 1 * * *", new[] { "2027-03-14T01:30:00-05:00" })]
    [InlineData("0 * * * *", new[]
    {
        "2027-03-14T00:00:00-05:00", "2027-03-14T01:00:00-05:00",
        "2027-03-14T03:00:00-04:00", "2027-03-14T04:00:00-04:00", "2027-03-14T05:00:00-04:00",
    })]
    [InlineData("*/30 * * * *", new[]
    {
        "2027-03-14T00:00:00-05:00", "2027-03-14T00:30:00-05:00", "2027-03-14T01:00:00-05:00", "2027-03-14T01:30:00-05:00",
        "2027-03-14T03:00:00-04:00", "2027-03-14T03:30:00-04:00", "2027-03-14T04:00:00-04:00", "2027-03-14T04:30:00-04:00",
        "2027-03-14T05:00:00-04:00",
    })]
    public void GetOccurrences_NewYorkSpringForward_GapFiresOnceAtItsEnd(string expression, string[] expected)
    {
        AssertWindow(expression, "America/New_York", "2027-03-14T05:00:00Z", "2027-03-14T09:00:00Z", expected);
    }

    // America/New_York, Sunday 2027-11-07, fall back at 02:00 EDT (06:00Z) to 01:00 EST:
    //
    //   local  00:00 -04 ── 01:00 -04 ── 01:59:59 -04 ┐
    //   utc    04:00       05:00        05:59:59      │
    //                                                 └→ 01:00 -05 ── 01:59:59 -05 ── 02:00 -05 ── 03:00 -05
    //                                                    06:00        06:59:59        07:00        08:00
    //
    // A repeated time fires at its first occurrence only, unless the second, minute or hour field is `*`, a
    // range or a step (Cronos's "interval" expressions): those fire in both offsets. A list (0,30) is not one.
    [Theory]
    [InlineData("30 1 * * *", new[] { "2027-11-07T01:30:00-04:00" })]
    [InlineData("0 1 * * *", new[] { "2027-11-07T01:00:00-04:00" })]
    [InlineData("0,30 1 * * *", new[] { "2027-11-07T01:00:00-04:00", "2027-11-07T01:30:00-04:00" })]
    [InlineData("30 2 * * *", new[] { "2027-11-07T02:30:00-05:00" })]
    [InlineData("0 2 * * *", new[] { "2027-11-07T02:00:00-05:00" })]
    [InlineData("0 * * * *", new[]
    {
        "2027-11-07T00:00:00-04:00", "2027-11-07T01:00:00-04:00",
        "2027-11-07T01:00:00-05:00", "2027-11-07T02:00:00-05:00", "2027-11-07T03:00:00-05:00",
    })]
    [InlineData("*/30 * * * *", new[]
    {
        "2027-11-07T00:00:00-04:00", "2027-11-07T00:30:00-04:00", "2027-11-07T01:00:00-04:00", "2027-11-07T01:30:00-04:00",
        "2027-11-07T01:00:00-05:00", "2027-11-07T01:30:00-05:00", "2027-11-07T02:00:00-05:00", "2027-11-07T02:30:00-05:00",
        "2027-11-07T03:00:00-05:00",
    })]
    [InlineData("*/30 1 * * *", new[]
    {
        "2027-11-07T01:00:00-04:00", "2027-11-07T01:30:00-04:00", "2027-11-07T01:00:00-05:00", "2027-11-07T01:30:00-05:00",
    })]
    [InlineData("0 1-2 * * *", new[] { "2027-11-07T01:00:00-04:00", "2027-11-07T01:00:00-05:00", "2027-11-07T02:00:00-05:00" })]
    public void GetOccurrences_NewYorkFallBack_RepeatedTimeFiresAtFirstUnlessInterval(string expression, string[] expected)
    {
        AssertWindow(expression, "America/New_York", "2027-11-07T04:00:00Z", "2027-11-07T08:00:00Z", expected);
    }

    // Europe/London, Sunday 2027-03-28, spring forward at 01:00 GMT (01:00Z) to 02:00 BST:
    //
    //   local  00:00 +00 ── 00:59:59 +00 ┐          ┌ 02:00 +01 ── 03:00 +01 ── 04:00 +01
    //   utc    00:00        00:59:59     └─ 01:xx ─┘  01:00       02:00       03:00
    [Theory]
    [InlineData("30 1 * * *", new[] { "2027-03-28T02:00:00+01:00" })]
    [InlineData("0 1 * * *", new[] { "2027-03-28T02:00:00+01:00" })]
    [InlineData("30 2 * * *", new[] { "2027-03-28T02:30:00+01:00" })]
    [InlineData("0 * * * *", new[]
    {
        "2027-03-28T00:00:00+00:00", "2027-03-28T02:00:00+01:00", "2027-03-28T03:00:00+01:00", "2027-03-28T04:00:00+01:00",
    })]
    [InlineData("*/30 * * * *", new[]
    {
        "2027-03-28T00:00:00+00:00", "2027-03-28T00:30:00+00:00",
        "2027-03-28T02:00:00+01:00", "2027-03-28T02:30:00+01:00", "2027-03-28T03:00:00+01:00", "2027-03-28T03:30:00+01:00",
        "2027-03-28T04:00:00+01:00",
    })]
    public void GetOccurrences_LondonSpringForward_GapFiresOnceAtItsEnd(string expression, string[] expected)
    {
        AssertWindow(expression, "Europe/London", "2027-03-28T00:00:00Z", "2027-03-28T03:00:00Z", expected);
    }

    // Europe/London, Sunday 2027-10-31, fall back at 02:00 BST (01:00Z) to 01:00 GMT:
    //
    //   local  00:00 +01 ── 01:00 +01 ── 01:59:59 +01 ┐
    //   utc    23:00 (30th) 00:00        00:59:59     │
    //                                                 └→ 01:00 +00 ── 02:00 +00 ── 03:00 +00
    //                                                    01:00        02:00        03:00
    [Theory]
    [InlineData("30 1 * * *", new[] { "2027-10-31T01:30:00+01:00" })]
    [InlineData("0 2 * * *", new[] { "2027-10-31T02:00:00+00:00" })]
    [InlineData("0 * * * *", new[]
    {
        "2027-10-31T00:00:00+01:00", "2027-10-31T01:00:00+01:00",
        "2027-10-31T01:00:00+00:00", "2027-10-31T02:00:00+00:00", "2027-10-31T03:00:00+00:00",
    })]
    [InlineData("*/30 * * * *", new[]
    {
        "2027-10-31T00:00:00+01:00", "2027-10-31T00:30:00+01:00", "2027-10-31T01:00:00+01:00", "2027-10-31T01:30:00+01:00",
        "2027-10-31T01:00:00+00:00", "2027-10-31T01:30:00+00:00", "2027-10-31T02:00:00+00:00", "2027-10-31T02:30:00+00:00",
        "2027-10-31T03:00:00+00:00",
    })]
    public void GetOccurrences_LondonFallBack_RepeatedTimeFiresAtFirstUnlessInterval(string expression, string[] expected)
    {
        AssertWindow(expression, "Europe/London", "2027-10-30T23:00:00Z", "2027-10-31T03:00:00Z", expected);
    }

    // The day after each transition is an ordinary day again: 01:30 New York fires once, at -05:00.
    [Theory]
    [InlineData("30 1 * * *", "America/New_York", "2027-11-07T05:30:00Z", "2027-11-08T01:30:00-05:00")]
    [InlineData("30 2 * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-15T02:30:00-04:00")]
    [InlineData("30 1 * * *", "Europe/London", "2027-03-28T01:00:00Z", "2027-03-29T01:30:00+01:00")]
    // Asia/Tokyo has no DST: 06:00 JST is 21:00Z the previous day, every day.
    [InlineData("0 6 * * *", "Asia/Tokyo", "2027-03-14T00:00:00Z", "2027-03-15T06:00:00+09:00")]
    [InlineData("0 6 * * *", "Asia/Tokyo", "2027-03-14T21:00:00Z", "2027-03-16T06:00:00+09:00")]
    [InlineData("0 6 * * *", "Asia/Tokyo", "2027-11-06T12:00:00Z", "2027-11-07T06:00:00+09:00")]
    public void GetNextOccurrence_AroundTransitions_AnswersTheLocalTimeWithItsOffset(
        string expression, string zone, string after, string expectedLocal)
    {
        var schedule = Schedule.Parse(expression, zone);

        var next = schedule.GetNextOccurrence(At(after));

        Assert.NotNull(next);
        Assert.Equal(expectedLocal, Local(schedule, next.Value));
    }

    [Fact]
    public void GetNextOccurrence_TokyoSixAm_IsTwentyOneHundredUtcThePreviousDay()
    {
        var schedule = Schedule.Parse("0 6 * * *", "Asia/Tokyo");

        AssertUtc("2027-03-14T21:00:00Z", schedule.GetNextOccurrence(At("2027-03-14T00:00:00Z")));
    }

    // Both day fields name Sunday 2027-03-14 (the 14th, and a Sunday): the gap time fires once, not once per field.
    [Fact]
    public void GetOccurrences_OredDaysBothMatchingOnSpringForward_FireOnce()
    {
        AssertWindow("30 2 14 * 0", "America/New_York", "2027-03-14T05:00:00Z", "2027-03-14T09:00:00Z", ["2027-03-14T03:00:00-04:00"]);
    }

    private static void AssertWindow(string expression, string zone, string fromUtc, string toUtc, string[] expected)
    {
        var schedule = Schedule.Parse(expression, zone);

        var fires = schedule.GetOccurrences(At(fromUtc), At(toUtc)).Select(o => Local(schedule, o));

        Assert.Equal(expected, fires);
    }
}
