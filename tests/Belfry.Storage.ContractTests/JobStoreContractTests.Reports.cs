using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Reports;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>The success-rate report and the export's pages (issue 13): reads across a location's finished executions.</summary>
public abstract partial class JobStoreContractTests
{
    private static readonly DateTimeOffset Jan13 = new(2030, 1, 13, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SummarizeRuns_KnownOutcomesAroundMidnight_EveryFigurePerJob()
    {
        var daily = (await CreateJobAsync(TestJobs.Minimal("daily", null))).Name;
        var hourly = (await CreateJobAsync(TestJobs.Minimal("hourly", null))).Name;
        var elsewhere = (await CreateJobAsync(TestJobs.Minimal("daily", null, new LocationName("belfry-test", "europe-west1")))).Name;
        await CreateJobAsync(TestJobs.Minimal("idle", null));

        // daily, by schedule time (UTC); Tokyo is UTC+9, so Tokyo's 2030-01-14 starts at 01-13 15:00 UTC.
        await RunToEndAsync(daily, Jan13.AddHours(15).AddSeconds(-1), TimeSpan.FromSeconds(3), false, error: "connection refused"); // Tokyo's 13th
        await RunToEndAsync(daily, Jan13.AddHours(15), TimeSpan.FromSeconds(10), true);                                      // Tokyo's 14th, UTC's 13th
        await RunToEndAsync(daily, Jan13.AddHours(30), TimeSpan.FromSeconds(2), false, statusCode: 503);
        await RunToEndAsync(daily, Jan13.AddHours(36), TimeSpan.FromSeconds(61.5), true, retryAfter: TimeSpan.FromSeconds(60));
        var lastFailure = await RunToEndAsync(daily, Jan13.AddHours(54), TimeSpan.FromSeconds(30), false, error: "deadline exceeded");
        await RunToEndAsync(daily, Jan13.AddHours(57), TimeSpan.FromSeconds(1), true);
        await RunToEndAsync(daily, Jan13.AddHours(59), TimeSpan.FromSeconds(4), true);
        await Jobs.CreateManualExecutionAsync(daily, Jan13.AddHours(59.5), Ct); // outstanding: no outcome yet
        for (var i = 1; i <= 40; i++)
        {
            await RunToEndAsync(hourly, Jan13.AddDays(1).AddMinutes(i), TimeSpan.FromSeconds(i), true);
        }

        await RunToEndAsync(elsewhere, Jan13.AddHours(40), TimeSpan.FromSeconds(7), false, statusCode: 500);

        var now = Jan13.AddHours(60); // 2030-01-15 12:00 UTC, 21:00 in Tokyo
        var tokyo = await Executions.SummarizeRunsAsync(TestJobs.Location, ReportWindow.Since(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), 1), Ct);
        var utc = await Executions.SummarizeRunsAsync(TestJobs.Location, ReportWindow.Since(now, TimeZoneInfo.Utc, 1), Ct);

        Assert.Equal(["daily", "hourly"], tokyo.Select(s => s.Job.JobId));
        var failure = new RunFailure(lastFailure.FinishTime!.Value, null, "deadline exceeded");

        // Tokyo: 10, 2, 61.5, 30, 1, 4 seconds; 4 of 6 succeeded; p95 is the 6th shortest (ceil(5.7)).
        var dailyTokyo = tokyo[0];
        Assert.Equal((6, 4, 66.7m), (dailyTokyo.Runs, dailyTokyo.Successes, dailyTokyo.SuccessRate));
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.FromSeconds(108.5).Ticks / 6), dailyTokyo.AverageDuration);
        Assert.Equal(TimeSpan.FromSeconds(61.5), dailyTokyo.P95Duration);
        Assert.Equal(failure, dailyTokyo.LastFailure);
        Assert.Equal("deadline exceeded", dailyTokyo.LastFailure!.Message);

        // UTC's window starts 9 hours later: the 10 s success at Tokyo's midnight drops out.
        var dailyUtc = utc[0];
        Assert.Equal((5, 3, 60.0m), (dailyUtc.Runs, dailyUtc.Successes, dailyUtc.SuccessRate));
        Assert.Equal(TimeSpan.FromSeconds(98.5 / 5), dailyUtc.AverageDuration);
        Assert.Equal(TimeSpan.FromSeconds(61.5), dailyUtc.P95Duration);
        Assert.Equal(failure, dailyUtc.LastFailure);

        // hourly: 1…40 s, all succeeded; p95 is the 38th shortest (ceil(38.0)), not the longest.
        var hourlyTokyo = tokyo[1];
        Assert.Equal((40, 40, 100.0m), (hourlyTokyo.Runs, hourlyTokyo.Successes, hourlyTokyo.SuccessRate));
        Assert.Equal(TimeSpan.FromSeconds(20.5), hourlyTokyo.AverageDuration);
        Assert.Equal(TimeSpan.FromSeconds(38), hourlyTokyo.P95Duration);
        Assert.Null(hourlyTokyo.LastFailure);
        Assert.Equal(hourlyTokyo, utc[1]);

        // A window that starts after everything finished: no lines, not lines of zeros.
        Assert.Empty(await Executions.SummarizeRunsAsync(TestJobs.Location, now, Ct));
        var other = Assert.Single(await Executions.SummarizeRunsAsync(elsewhere.Parent, Jan13, Ct));
        Assert.Equal((elsewhere, 1, 0, 0.0m, "HTTP 500"), (other.Job, other.Runs, other.Successes, other.SuccessRate, other.LastFailure!.Message));
    }

    [Fact]
    public async Task ListFinished_PagesOfTwoWithTiedFinishTimes_EachFinishedExecutionOnceInOrderWithItsZone()
    {
        var job = (await CreateJobAsync(TestJobs.Minimal("export", null) with { TimeZone = "Asia/Tokyo" })).Name;
        var elsewhere = (await CreateJobAsync(TestJobs.Minimal("export", null, new LocationName("belfry-test", "europe-west1")))).Name;
        var before = await RunToEndAsync(job, Jan13, TimeSpan.FromSeconds(1), true);
        var expected = new List<Execution>
        {
            await RunToEndAsync(job, Jan13.AddHours(1), TimeSpan.Zero, false, statusCode: 500),
            await RunToEndAsync(job, Jan13.AddHours(2), TimeSpan.FromSeconds(5), true),
        };

        // Two executions finishing at one instant: the id breaks the tie, so a page boundary between them loses neither.
        await Jobs.CreateManualExecutionAsync(job, Jan13.AddHours(3), Ct);
        await Jobs.CreateManualExecutionAsync(job, Jan13.AddHours(3), Ct);
        var finish = Jan13.AddHours(3).AddSeconds(2);
        foreach (var claim in await ClaimAsync(Jan13.AddHours(3)))
        {
            Assert.True(await Queue.RecordAttemptAsync(Final(claim, Jan13.AddHours(3), finish, true, null, null), Ct));
        }

        await RunToEndAsync(elsewhere, Jan13.AddHours(2), TimeSpan.FromSeconds(1), true);
        var until = Jan13.AddHours(4);
        await RunToEndAsync(job, until, TimeSpan.Zero, true); // finishes at until: excluded
        await Jobs.CreateManualExecutionAsync(job, Jan13.AddHours(2.5), Ct); // outstanding: excluded
        expected.AddRange((await ListAllExecutionsAsync(job)).Where(e => e.FinishTime == finish).OrderBy(e => e.Id, StringComparer.Ordinal));

        var rows = new List<FinishedExecutionRow>();
        FinishedExecutionKey? after = null;
        var pages = 0;
        do
        {
            var page = await Executions.ListFinishedAsync(TestJobs.Location, before.FinishTime!.Value.AddTicks(InstantPrecision.Ticks), until, after, 2, Ct);
            rows.AddRange(page.Rows);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages); // 2, 2, then an empty page ends it
        Assert.Equal(expected.Select(e => e.Id), rows.Select(r => r.Execution.Id));
        Assert.All(rows, r => Assert.Equal("Asia/Tokyo", r.TimeZone));
        Assert.Equal(
            expected.Select(e => (e.State, e.FirstAttemptTime, e.FinishTime, e.LastStatusCode, e.LastError, e.ScheduleTime)),
            rows.Select(r => (r.Execution.State, r.Execution.FirstAttemptTime, r.Execution.FinishTime, r.Execution.LastStatusCode, r.Execution.LastError, r.Execution.ScheduleTime)));

        // Since is inclusive: the first execution's own finish time takes it in.
        var fromStart = await Executions.ListFinishedAsync(TestJobs.Location, before.FinishTime!.Value, until, null, 100, Ct);
        Assert.Equal([before.Id, .. expected.Select(e => e.Id)], fromStart.Rows.Select(r => r.Execution.Id));
        Assert.Null(fromStart.Next);
    }

    /// <summary>
    /// A manual execution of <paramref name="job"/> scheduled at <paramref name="scheduled"/>, whose first attempt starts
    /// then and which finishes <paramref name="duration"/> later: with one attempt, or a failed one and, after
    /// <paramref name="retryAfter"/>, a second. Returns the finished execution.
    /// </summary>
    private async Task<Execution> RunToEndAsync(
        JobName job, DateTimeOffset scheduled, TimeSpan duration, bool succeeded, int? statusCode = null, string? error = null, TimeSpan? retryAfter = null)
    {
        var execution = await Jobs.CreateManualExecutionAsync(job, scheduled, Ct);
        var claim = await ClaimSingleAsync(scheduled);
        if (retryAfter is { } wait)
        {
            var retry = scheduled + wait;
            Assert.True(await Queue.RecordAttemptAsync(
                Final(claim, scheduled, scheduled + TimeSpan.FromSeconds(1), false, 503, null) with { NextAttemptTime = retry }, Ct));
            claim = await ClaimSingleAsync(retry);
        }

        Assert.True(await Queue.RecordAttemptAsync(
            Final(claim, retryAfter is null ? scheduled : scheduled + retryAfter.Value, scheduled + duration, succeeded, statusCode ?? (succeeded ? 200 : null), error), Ct));
        return await GetExecutionAsync(job, execution.Id);
    }

    private static AttemptResult Final(ClaimedAttempt claim, DateTimeOffset start, DateTimeOffset finish, bool succeeded, int? statusCode, string? error) =>
        new(claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, start, finish - start, statusCode, error, succeeded, null,
            succeeded ? new JobStatus(0, "") : new JobStatus(14, error ?? "HTTP"), finish);
}
