using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

// The cron dialect (docs/semantics.md, "Cron format"), in UTC so that only the fields are under test.
//
// 2027:   January          February         March            April
//         Fri  1           Mon  1           Mon  1           Thu  1
//         Mon  4,11,18,25  Mon  8,15,22     Mon  8,15,22,29  Mon  5,12,19,26
public sealed partial class ScheduleTests
{
    // Day-of-month and day-of-week both restricted: either fires the job (Vixie cron, Cloud Scheduler).
    // A day matching both (Monday the 1st of February) fires once.
    [Theory]
    [InlineData("0 8 1 * 1", "2027-03-20T00:00:00Z", new[]
    {
        "2027-03-22T08:00:00+00:00", "2027-03-29T08:00:00+00:00", "2027-04-01T08:00:00+00:00",
        "2027-04-05T08:00:00+00:00", "2027-04-12T08:00:00+00:00",
    })]
    [InlineData("0 8 1 * 1", "2027-01-20T00:00:00Z", new[]
    {
        "2027-01-25T08:00:00+00:00", "2027-02-01T08:00:00+00:00", "2027-02-08T08:00:00+00:00", "2027-02-15T08:00:00+00:00",
    })]
    [InlineData("0 0 8 1 * MON", "2027-03-20T00:00:00Z", new[]
    {
        "2027-03-22T08:00:00+00:00", "2027-03-29T08:00:00+00:00", "2027-04-01T08:00:00+00:00",
    })]
    // Days 1 to 7 or any Monday: Vixie's OR, not "the first Monday" (that is 1#1).
    [InlineData("0 0 1-7 * 1", "2027-04-05T00:00:00Z", new[]
    {
        "2027-04-06T00:00:00+00:00", "2027-04-07T00:00:00+00:00", "2027-04-12T00:00:00+00:00", "2027-04-19T00:00:00+00:00",
    })]
    // Cronos's L in an ORed pair: the last day of the month or any Friday.
    [InlineData("0 0 L * FRI", "2027-01-27T00:00:00Z", new[]
    {
        "2027-01-29T00:00:00+00:00", "2027-01-31T00:00:00+00:00", "2027-02-05T00:00:00+00:00",
    })]
    public void GetNextOccurrence_BothDayFieldsRestricted_EitherMatches(string expression, string after, string[] expected)
    {
        var schedule = Schedule.Parse(expression, "UTC");

        Assert.True(schedule.OrsDayFields);
        Assert.Equal(expected, Next(schedule, At(after), expected.Length));
    }

    // A day field starting with '*' (so "*/2" too) or '?' is unrestricted, as in Vixie cron, and the fields AND:
    // "*/2" (odd days) with Monday is odd-numbered Mondays; the 1st with "*/2" (Sun, Tue, Thu, Sat) is a 1st
    // falling on one of those.
    [Theory]
    [InlineData("0 0 */2 * 1", "2027-02-28T00:00:00Z", new[]
    {
        "2027-03-01T00:00:00+00:00", "2027-03-15T00:00:00+00:00", "2027-03-29T00:00:00+00:00",
        "2027-04-05T00:00:00+00:00", "2027-04-19T00:00:00+00:00",
    })]
    [InlineData("0 0 1 * */2", "2027-01-01T00:00:00Z", new[]
    {
        "2027-04-01T00:00:00+00:00", "2027-05-01T00:00:00+00:00", "2027-06-01T00:00:00+00:00", "2027-07-01T00:00:00+00:00",
    })]
    [InlineData("0 0 1 * ?", "2027-01-15T00:00:00Z", new[] { "2027-02-01T00:00:00+00:00", "2027-03-01T00:00:00+00:00" })]
    [InlineData("0 0 ? * 1", "2027-03-02T00:00:00Z", new[] { "2027-03-08T00:00:00+00:00", "2027-03-15T00:00:00+00:00" })]
    [InlineData("0 0 1 * *", "2027-01-15T00:00:00Z", new[] { "2027-02-01T00:00:00+00:00", "2027-03-01T00:00:00+00:00" })]
    public void GetNextOccurrence_ADayFieldUnrestricted_FieldsAnd(string expression, string after, string[] expected)
    {
        var schedule = Schedule.Parse(expression, "UTC");

        Assert.False(schedule.OrsDayFields);
        Assert.Equal(expected, Next(schedule, At(after), expected.Length));
    }

    [Theory]
    // Weekdays at 09:00: strictly after Friday 09:00 comes Monday.
    [InlineData("0 9 * * 1-5", "2027-01-01T09:00:00Z", new[]
    {
        "2027-01-04T09:00:00+00:00", "2027-01-05T09:00:00+00:00", "2027-01-06T09:00:00+00:00",
        "2027-01-07T09:00:00+00:00", "2027-01-08T09:00:00+00:00", "2027-01-11T09:00:00+00:00",
    })]
    [InlineData("0 */4 * * *", "2027-03-14T01:00:00Z", new[]
    {
        "2027-03-14T04:00:00+00:00", "2027-03-14T08:00:00+00:00", "2027-03-14T12:00:00+00:00",
        "2027-03-14T16:00:00+00:00", "2027-03-14T20:00:00+00:00", "2027-03-15T00:00:00+00:00",
    })]
    [InlineData("15,45 10-11 * * *", "2027-03-14T00:00:00Z", new[]
    {
        "2027-03-14T10:15:00+00:00", "2027-03-14T10:45:00+00:00", "2027-03-14T11:15:00+00:00", "2027-03-14T11:45:00+00:00",
    })]
    // Names, in any case; 0, 7 and SUN are all Sunday.
    [InlineData("0 12 * JAN,jul Mon", "2027-01-25T12:00:00Z", new[] { "2027-07-05T12:00:00+00:00", "2027-07-12T12:00:00+00:00" })]
    [InlineData("0 0 * * MON-FRI", "2027-01-01T00:00:00Z", new[] { "2027-01-04T00:00:00+00:00" })]
    [InlineData("0 0 * * 0", "2027-03-01T00:00:00Z", new[] { "2027-03-07T00:00:00+00:00" })]
    [InlineData("0 0 * * 7", "2027-03-01T00:00:00Z", new[] { "2027-03-07T00:00:00+00:00" })]
    [InlineData("0 0 * * sun", "2027-03-01T00:00:00Z", new[] { "2027-03-07T00:00:00+00:00" })]
    // Cronos extras: L (last day), L-n, LW, nW (nearest weekday; 2027-05-15 is a Saturday), dL (last weekday d
    // of the month), d#n (n-th weekday d).
    [InlineData("0 0 L * *", "2027-01-01T00:00:00Z", new[]
    {
        "2027-01-31T00:00:00+00:00", "2027-02-28T00:00:00+00:00", "2027-03-31T00:00:00+00:00",
    })]
    [InlineData("0 0 L 2 *", "2027-03-01T00:00:00Z", new[] { "2028-02-29T00:00:00+00:00" })]
    [InlineData("0 0 L-2 * *", "2027-02-01T00:00:00Z", new[] { "2027-02-26T00:00:00+00:00" })]
    [InlineData("0 0 LW 7 *", "2027-01-01T00:00:00Z", new[] { "2027-07-30T00:00:00+00:00" })]
    [InlineData("0 0 15W * *", "2027-05-01T00:00:00Z", new[] { "2027-05-14T00:00:00+00:00" })]
    [InlineData("0 0 * * 5L", "2027-01-01T00:00:00Z", new[]
    {
        "2027-01-29T00:00:00+00:00", "2027-02-26T00:00:00+00:00", "2027-03-26T00:00:00+00:00",
    })]
    [InlineData("0 0 * * 1#2", "2027-03-01T00:00:00Z", new[] { "2027-03-08T00:00:00+00:00", "2027-04-12T00:00:00+00:00" })]
    // The optional leading seconds field.
    [InlineData("*/10 * * * * *", "2027-03-14T12:34:56Z", new[]
    {
        "2027-03-14T12:35:00+00:00", "2027-03-14T12:35:10+00:00", "2027-03-14T12:35:20+00:00",
    })]
    [InlineData("30 0 9 * * *", "2027-03-14T12:34:56Z", new[] { "2027-03-15T09:00:30+00:00" })]
    public void GetNextOccurrence_Fields_FireAsWritten(string expression, string after, string[] expected)
    {
        Assert.Equal(expected, Next(Schedule.Parse(expression, "UTC"), At(after), expected.Length));
    }

    // From Sunday 2027-03-14 12:34:56Z.
    [Theory]
    [InlineData("@yearly", "2028-01-01T00:00:00+00:00")]
    [InlineData("@annually", "2028-01-01T00:00:00+00:00")]
    [InlineData("@monthly", "2027-04-01T00:00:00+00:00")]
    [InlineData("@weekly", "2027-03-21T00:00:00+00:00")]
    [InlineData("@daily", "2027-03-15T00:00:00+00:00")]
    [InlineData("@midnight", "2027-03-15T00:00:00+00:00")]
    [InlineData("@hourly", "2027-03-14T13:00:00+00:00")]
    [InlineData("@DAILY", "2027-03-15T00:00:00+00:00")]
    [InlineData("@every_minute", "2027-03-14T12:35:00+00:00")]
    [InlineData("@every_second", "2027-03-14T12:34:57+00:00")]
    public void GetNextOccurrence_Macro_FiresAsItsExpansion(string macro, string expected)
    {
        var schedule = Schedule.Parse(macro, "UTC");

        Assert.Equal([expected], Next(schedule, At("2027-03-14T12:34:56Z"), 1));
    }

    [Fact]
    public void GetNextOccurrence_MacroInAZone_UsesTheZonesMidnight()
    {
        var schedule = Schedule.Parse("@daily", "America/New_York");

        Assert.Equal(["2027-03-15T00:00:00-04:00"], Next(schedule, At("2027-03-14T12:00:00Z"), 1));
    }
}
