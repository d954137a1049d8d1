using Belfry.AspNetCore.RunKeys;

namespace Belfry.AspNetCore.Tests.RunKeys;

/// <summary>
/// Acceptance 4, the pure part: the run is the schedule time's local date/time in the job's zone, whatever the
/// target's clock says. <c>Now</c> below is deliberately years away (2030) and only shows through for manual calls.
/// </summary>
public sealed class RunKeyCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 5, 20, 30, 15, TimeSpan.Zero);
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC");

    // Asia/Tokyo (no DST): 06:00 JST on the 2nd is 21:00 UTC on the 1st. The run date is the 2nd, not the UTC date.
    [Theory]
    [InlineData("2027-01-02T06:00:00+09:00", "Asia/Tokyo", RunKeyGranularity.Day, "2027-01-02", "2027-01-02")]
    [InlineData("2027-01-02T06:00:00+09:00", "Asia/Tokyo", RunKeyGranularity.Hour, "2027-01-02T06+09:00", "2027-01-02")]
    [InlineData("2027-01-02T06:05:00+09:00", "Asia/Tokyo", RunKeyGranularity.Minute, "2027-01-02T06:05+09:00", "2027-01-02")]
    [InlineData("2027-01-02T06:05:07+09:00", "Asia/Tokyo", RunKeyGranularity.Exact, "2027-01-02T06:05:07+09:00", "2027-01-02")]
    [InlineData("2027-01-01T21:00:00Z", "Asia/Tokyo", RunKeyGranularity.Day, "2027-01-02", "2027-01-02")]
    [InlineData("2027-01-01T21:00:00.000Z", "Asia/Tokyo", RunKeyGranularity.Exact, "2027-01-02T06:00:00+09:00", "2027-01-02")]
    // Late evening west of UTC: the UTC date is already the next day.
    [InlineData("2027-01-02T23:59:59-08:00", "America/Los_Angeles", RunKeyGranularity.Day, "2027-01-02", "2027-01-02")]
    // No zone claim (Google Cloud Scheduler): the schedule time's own offset is the zone.
    [InlineData("2027-01-02T06:00:00+09:00", null, RunKeyGranularity.Hour, "2027-01-02T06+09:00", "2027-01-02")]
    [InlineData("2027-01-01T21:00:00Z", null, RunKeyGranularity.Day, "2027-01-01", "2027-01-01")]
    // An unknown zone id falls back to the offset rather than refusing the run.
    [InlineData("2027-01-02T06:00:00+09:00", "Mars/Olympus_Mons", RunKeyGranularity.Day, "2027-01-02", "2027-01-02")]
    public void TryCompute_ScheduleTime_KeysTheLocalRun(string scheduleTime, string? zone, RunKeyGranularity granularity, string runKey, string runDate)
    {
        var run = Compute(new RunKeyInputs { JobName = "sync", ScheduleTime = scheduleTime, TimeZone = zone }, granularity);

        Assert.Equal(runKey, run.RunKey);
        Assert.Equal(DateOnly.Parse(runDate, System.Globalization.CultureInfo.InvariantCulture), run.RunDate);
        Assert.Equal(DateTimeOffset.Parse(scheduleTime, System.Globalization.CultureInfo.InvariantCulture), run.ScheduleTime);
        Assert.Equal(BatchTrigger.Scheduled, run.Trigger);
    }

    // America/New_York, fall back on 2027-11-07:
    //   05:30Z → 01:30 EDT (-04:00)   first 01:30
    //   06:00Z → 01:00 EST (-05:00)   clocks go back
    //   06:30Z → 01:30 EST (-05:00)   second 01:30
    // Both 01:30s are the same day, but different hours of real time: distinct hour/minute/exact keys.
    [Theory]
    [InlineData("2027-11-07T05:30:00Z", RunKeyGranularity.Day, "2027-11-07", "-04:00")]
    [InlineData("2027-11-07T06:30:00Z", RunKeyGranularity.Day, "2027-11-07", "-05:00")]
    [InlineData("2027-11-07T05:30:00Z", RunKeyGranularity.Hour, "2027-11-07T01-04:00", "-04:00")]
    [InlineData("2027-11-07T06:30:00Z", RunKeyGranularity.Hour, "2027-11-07T01-05:00", "-05:00")]
    [InlineData("2027-11-07T05:30:00Z", RunKeyGranularity.Minute, "2027-11-07T01:30-04:00", "-04:00")]
    [InlineData("2027-11-07T06:30:00Z", RunKeyGranularity.Minute, "2027-11-07T01:30-05:00", "-05:00")]
    // Spring forward on 2027-03-14: 02:00 EST → 03:00 EDT; 07:00Z is 03:00 EDT, there is no 02:xx.
    //   06:59Z → 01:59 EST (-05:00)
    //   07:00Z → 03:00 EDT (-04:00)
    [InlineData("2027-03-14T06:59:00Z", RunKeyGranularity.Hour, "2027-03-14T01-05:00", "-05:00")]
    [InlineData("2027-03-14T07:00:00Z", RunKeyGranularity.Hour, "2027-03-14T03-04:00", "-04:00")]
    [InlineData("2027-03-14T07:00:00Z", RunKeyGranularity.Day, "2027-03-14", "-04:00")]
    public void TryCompute_AcrossDst_UsesTheZonesOffsetAtThatInstant(string scheduleTime, RunKeyGranularity granularity, string runKey, string offset)
    {
        var run = Compute(new RunKeyInputs { JobName = "hourly", ScheduleTime = scheduleTime, TimeZone = "America/New_York" }, granularity);

        Assert.Equal(runKey, run.RunKey);
        Assert.Equal(TimeSpan.Parse(offset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture), run.ScheduleTime.Offset);
        Assert.Equal("America/New_York", run.TimeZone.Id);
    }

    [Fact]
    public void TryCompute_NoScheduleTime_IsManualAtNowInTheDefaultZone()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var run = Compute(new RunKeyInputs { JobName = "sync" }, RunKeyGranularity.Day, tokyo);

        // 20:30Z on 2030-05-05 is 05:30 JST on 2030-05-06.
        Assert.Equal("2030-05-06", run.RunKey);
        Assert.Equal(new DateOnly(2030, 5, 6), run.RunDate);
        Assert.Equal(Now, run.ScheduleTime);
        Assert.Equal(TimeSpan.FromHours(9), run.ScheduleTime.Offset);
        Assert.Equal(BatchTrigger.Manual, run.Trigger);
    }

    [Fact]
    public void TryCompute_NoScheduleTimeButAZoneClaim_UsesThatZone()
    {
        var run = Compute(new RunKeyInputs { JobName = "sync", TimeZone = "America/Los_Angeles" }, RunKeyGranularity.Day);

        Assert.Equal("2030-05-05", run.RunKey);
        Assert.Equal(BatchTrigger.Manual, run.Trigger);
    }

    [Theory]
    [InlineData("manual", BatchTrigger.Manual)]
    [InlineData("catch_up", BatchTrigger.CatchUp)]
    [InlineData("scheduled", BatchTrigger.Scheduled)]
    [InlineData("something-new", BatchTrigger.Scheduled)]
    [InlineData(null, BatchTrigger.Scheduled)]
    public void TryCompute_Trigger_IsParsed(string? trigger, BatchTrigger expected)
    {
        var run = Compute(new RunKeyInputs { JobName = "sync", ScheduleTime = "2027-01-02T06:00:00+09:00", Trigger = trigger }, RunKeyGranularity.Day);

        Assert.Equal(expected, run.Trigger);
    }

    [Theory]
    [InlineData("2027-01-02T06:00:00")]
    [InlineData("2027-01-02 06:00")]
    [InlineData("yesterday")]
    [InlineData("2027-13-02T06:00:00+09:00")]
    public void TryCompute_UnusableScheduleTime_ExplainsWhy(string scheduleTime)
    {
        var ok = RunKeyCalculator.TryCompute(
            new RunKeyInputs { JobName = "sync", ScheduleTime = scheduleTime, ScheduleTimeSource = "X-CloudScheduler-ScheduleTime" },
            "fallback", RunKeyGranularity.Day, Utc, Now, out var run, out var error);

        Assert.False(ok);
        Assert.Null(run);
        Assert.Equal($"X-CloudScheduler-ScheduleTime \"{scheduleTime}\" is not an RFC 3339 time with an offset", error);
    }

    [Fact]
    public void TryCompute_NoJobName_UsesTheEndpointsFallback()
    {
        var run = Compute(new RunKeyInputs { ScheduleTime = "2027-01-02T06:00:00+09:00" }, RunKeyGranularity.Day);

        Assert.Equal("fallback", run.JobName);
    }

    [Fact]
    public void TryCompute_CarriesTheSchedulersFields()
    {
        var run = Compute(
            new RunKeyInputs { JobName = "sync", ScheduleTime = "2027-01-02T06:00:00+09:00", ExecutionId = "e-9", Attempt = 3, Epoch = 4 },
            RunKeyGranularity.Day);

        Assert.Equal(("e-9", 3, 4L), (run.ExecutionId, run.Attempt, run.Epoch));
    }

    [Fact]
    public void JobIdOf_IsTheArticlesShortHashOfJobAndRunKey() =>
        Assert.Equal("aeb0ed9040e6da33", RunKeyCalculator.JobIdOf("sync-daily-data", "2027-01-02"));

    private static RunIdentity Compute(RunKeyInputs inputs, RunKeyGranularity granularity, TimeZoneInfo? defaultZone = null)
    {
        Assert.True(
            RunKeyCalculator.TryCompute(inputs, "fallback", granularity, defaultZone ?? Utc, Now, out var run, out var error),
            error);
        return run!;
    }
}
