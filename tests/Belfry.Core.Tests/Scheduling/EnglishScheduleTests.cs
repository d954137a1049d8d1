using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

public sealed class EnglishScheduleTests
{
    [Theory]
    [InlineData("every 5 minutes", "*/5 * * * *")]
    [InlineData("every 1 minutes", "* * * * *")]
    [InlineData("every 15 mins", "*/15 * * * *")]
    [InlineData("every 30 minutes synchronized", "*/30 * * * *")]
    [InlineData("every 60 minutes", "0 * * * *")]
    [InlineData("every 1 hours", "0 * * * *")]
    [InlineData("every 6 hours", "0 */6 * * *")]
    [InlineData("every 24 hours", "0 0 * * *")]
    [InlineData("every day 09:00", "0 9 * * *")]
    [InlineData("every day 23:45", "45 23 * * *")]
    [InlineData("every monday 09:00", "0 9 * * 1")]
    [InlineData("every mon,wednesday,fri 07:30", "30 7 * * 1,3,5")]
    [InlineData("every sunday 00:00", "0 0 * * 0")]
    public void ToCron_SimpleEnglishSchedule_TheCronFiringAtTheSameTimes(string english, string cron)
    {
        Assert.Equal(cron, EnglishSchedule.ToCron(english));
    }

    [Theory]
    [InlineData("every 7 minutes")] // */7 restarts at each hour: not every 7 minutes
    [InlineData("every 5 hours")]
    [InlineData("every 2 hours from 08:00 to 18:00")]
    [InlineData("every day 25:00")]
    [InlineData("every moonday 09:00")]
    public void ToCron_NoExactCron_Null(string english)
    {
        Assert.Null(EnglishSchedule.ToCron(english));
    }

    [Fact]
    public void Parse_EnglishScheduleWithCron_RefusalGivesTheCron()
    {
        var e = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("Every Monday  09:00", "Etc/UTC"));

        Assert.Equal("schedule", e.Field);
        Assert.Equal("schedule: \"Every Monday  09:00\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only: use \"0 9 * * 1\"", e.Message);
    }

    [Theory]
    [InlineData("every 7 minutes")]
    [InlineData("1st monday of month 09:00")]
    [InlineData("first,third mon of jan 12:00")]
    public void Parse_EnglishScheduleWithoutCron_RefusalSaysCronOnly(string english)
    {
        var e = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse(english, "Etc/UTC"));

        Assert.Equal($"schedule: \"{english}\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only " +
            "(5 fields: minute hour day-of-month month day-of-week, e.g. \"0 9 * * 1\" for every Monday at 09:00)", e.Message);
    }

    [Theory]
    [InlineData("0 9 * * 1")]
    [InlineData("@daily")]
    [InlineData("1 of month")] // not an English schedule either: refused as cron
    public void Refusal_Cron_Null(string expression)
    {
        Assert.Null(EnglishSchedule.Refusal(expression));
    }
}
