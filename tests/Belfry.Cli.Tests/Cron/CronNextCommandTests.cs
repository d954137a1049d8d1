using System.Text.Json.Nodes;
using Belfry.Cli.Tests.Infrastructure;
using Belfry.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Cli.Tests.Cron;

public sealed class CronNextCommandTests
{
    // America/New_York, 2027-03-14: 02:00 EST jumps to 03:00 EDT, so "0 2 * * *" has no 02:00 that day and fires
    // at the end of the gap, 03:00 EDT = 07:00Z (docs: "Time zones and DST").
    //   Sat 03-13 02:00 -05:00 = 07:00Z | Sun 03-14 (02:00 skipped) 03:00 -04:00 = 07:00Z | Mon 03-15 02:00 -04:00 = 06:00Z
    private static readonly string SpringForwardNote =
        Schedule.Parse("0 2 * * *", "America/New_York").Describe(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero)).DstNote!;

    [Fact]
    public async Task Next_SpringForward_PrintsLocalUtcAndDstNote()
    {
        var run = await CliHarness.RunAsync(
            ["cron", "next", "0 2 * * *", "--time-zone=America/New_York", "-n", "3", "--after=2027-03-13T00:00:00Z"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("02:00", SpringForwardNote);
        Assert.Equal($"""
            LOCAL (America/New_York)        UTC                   DST
            Sat 2027-03-13 02:00:00 -05:00  2027-03-13T07:00:00Z
            Sun 2027-03-14 03:00:00 -04:00  2027-03-14T07:00:00Z  {SpringForwardNote}
            Mon 2027-03-15 02:00:00 -04:00  2027-03-15T06:00:00Z

            """, run.Out);
    }

    [Fact]
    public async Task Next_JsonFormat_OneObjectPerFireWithDstOnlyWhenAdjusted()
    {
        var run = await CliHarness.RunAsync(
            ["cron", "next", "0 2 * * *", "--time-zone", "America/New_York", "-n", "3", "--after", "2027-03-13T00:00:00Z", "--format=json"]);

        Assert.Equal(0, run.ExitCode);
        var expected = new JsonArray(
            new JsonObject { ["utc"] = "2027-03-13T07:00:00Z", ["local"] = "2027-03-13T02:00:00-05:00" },
            new JsonObject { ["utc"] = "2027-03-14T07:00:00Z", ["local"] = "2027-03-14T03:00:00-04:00", ["dst"] = SpringForwardNote },
            new JsonObject { ["utc"] = "2027-03-15T06:00:00Z", ["local"] = "2027-03-15T02:00:00-04:00" });
        JsonAssert.Equal(expected.ToJsonString(), run.Out);
        Assert.StartsWith("[\n  {\n    \"utc\": \"2027-03-13T07:00:00Z\",\n    \"local\": ", run.Out);
    }

    [Fact]
    public async Task Next_NoAfter_StartsFromClockAndDefaultsToFiveUtcFires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 6, 1, 12, 30, 0, TimeSpan.Zero));

        var run = await CliHarness.RunAsync(["cron", "next", "0 * * * *", "--format=json"], time: clock);

        var fires = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(5, fires.Count);
        Assert.Equal("2027-06-01T13:00:00Z", fires[0]!["utc"]!.GetValue<string>());
        Assert.Equal("2027-06-01T13:00:00+00:00", fires[0]!["local"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "cron", "next", "61 * * * *" }, "argument SCHEDULE: ")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "--time-zone=Mars/Olympus" }, "argument --time-zone: ")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "--time-zone=asia/tokyo" }, "argument --time-zone: unknown time zone \"asia/tokyo\"; did you mean \"Asia/Tokyo\"?\n")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "--time-zone=JST" }, "argument --time-zone: unknown time zone \"JST\"; did you mean \"Asia/Tokyo\"?\n")]
    [InlineData(new[] { "cron", "next", "every day 09:00" }, "argument SCHEDULE: \"every day 09:00\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only: use \"0 9 * * *\"\n")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "--after=yesterday" }, "argument --after: invalid timestamp \"yesterday\"")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "-n", "0" }, "argument -n: expected 1 to")]
    [InlineData(new[] { "cron", "next", "0 2 * * *", "-n", "many" }, "argument -n: invalid value \"many\"")]
    public async Task Next_BadInput_NamesArgumentAndExitsTwo(string[] args, string expected)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERROR: (belfry.cron.next) ", run.Error);
        Assert.Contains(expected, run.Error);
    }
}
