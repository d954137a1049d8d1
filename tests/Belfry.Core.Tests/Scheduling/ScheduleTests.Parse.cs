using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

// Bad input names the wire field to blame and says what is wrong; Cronos's own explanation is kept.
public sealed partial class ScheduleTests
{
    [Theory]
    [InlineData("61 * * * *", "schedule: \"61 * * * *\" is not a valid cron expression: Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("0 24 * * *", "schedule: \"0 24 * * *\" is not a valid cron expression: Hours: Value must be a number between 0 and 23 (all inclusive).")]
    [InlineData("0 0 0 * *", "schedule: \"0 0 0 * *\" is not a valid cron expression: Days of month: Value must be a number between 1 and 31 (all inclusive).")]
    [InlineData("0 0 * 13 *", "schedule: \"0 0 * 13 *\" is not a valid cron expression: Months: Value must be a number between 1 and 12 (all inclusive).")]
    [InlineData("0 0 1 * 8", "schedule: \"0 0 1 * 8\" is not a valid cron expression: Days of week: Value must be a number between 0 and 7 (all inclusive).")]
    [InlineData("0 0 * * FUN", "schedule: \"0 0 * * FUN\" is not a valid cron expression: Days of week: Value must be a number between 0 and 7 (all inclusive).")]
    [InlineData("60 * * * * *", "schedule: \"60 * * * * *\" is not a valid cron expression: Seconds: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("* * * *", "schedule: \"* * * *\" is not a valid cron expression: expected 5 fields, or 6 with a leading seconds field, but found 4")]
    [InlineData("* * * * * * *", "schedule: \"* * * * * * *\" is not a valid cron expression: expected 5 fields, or 6 with a leading seconds field, but found 7")]
    [InlineData("every 5 minutes", "schedule: \"every 5 minutes\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only: use \"*/5 * * * *\"")]
    [InlineData("@fortnightly", "schedule: \"@fortnightly\" is not a valid cron expression: Macro: Unexpected character 'f' on position 1.")]
    [InlineData("", "schedule: must not be empty")]
    [InlineData(" \t ", "schedule: must not be empty")]
    public void Parse_InvalidSchedule_ThrowsNamingTheScheduleField(string expression, string message)
    {
        var ex = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse(expression, "UTC"));

        Assert.Equal("schedule", ex.Field);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("Mars/Olympus", "timeZone: unknown time zone \"Mars/Olympus\"")]
    [InlineData("", "timeZone: unknown time zone \"\"")]
    [InlineData("utc", "timeZone: unknown time zone \"utc\"; did you mean \"UTC\"?")]
    [InlineData("../../../etc/passwd", "timeZone: unknown time zone \"../../../etc/passwd\"")]
    [InlineData("Eastern Standard Time", "timeZone: \"Eastern Standard Time\" is not an IANA time zone id; use \"America/New_York\"")]
    public void Parse_InvalidTimeZone_ThrowsNamingTheTimeZoneField(string zone, string message)
    {
        var ex = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("0 9 * * *", zone));

        Assert.Equal("timeZone", ex.Field);
        Assert.Equal(message, ex.Message);
    }

    // .NET's zone cache is case-insensitive: once the real id is loaded, a differently cased one would resolve.
    [Fact]
    public void Parse_ZoneInWrongCaseAfterTheRealOneLoaded_StillUnknown()
    {
        Schedule.Parse("0 9 * * *", "America/New_York");

        var ex = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("0 9 * * *", "america/new_york"));

        Assert.Equal("timeZone: unknown time zone \"america/new_york\"; did you mean \"America/New_York\"?", ex.Message);
    }

    [Fact]
    public void Parse_ScheduleAndZoneBothInvalid_BlamesTheSchedule()
    {
        var ex = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("61 * * * *", "Mars/Olympus"));

        Assert.Equal("schedule", ex.Field);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Schedule.Parse(null!, "UTC"));
        Assert.Throws<ArgumentNullException>(() => Schedule.Parse("0 9 * * *", null!));
    }
}
