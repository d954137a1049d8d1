using Belfry.Core.Jobs;

namespace Belfry.Storage.ContractTests;

/// <summary>The dashboard's overview (issue 16, point 6): bounded reads of a location's jobs and their 7-day rates.</summary>
public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task Overview_MixedJobs_CountsByStateNewestFailuresWithTotalAndSoonestEnabledRuns()
    {
        var t0 = StoreTime.T0;
        await CreateJobAsync(TestJobs.Minimal("latest", t0.AddMinutes(3)));
        await CreateJobAsync(TestJobs.Minimal("soon", t0.AddMinutes(1)));
        await CreateJobAsync(TestJobs.Minimal("later", t0.AddMinutes(2)));
        await CreateJobAsync(TestJobs.Minimal("paused", t0.AddSeconds(30)) with { State = JobState.Paused });
        await CreateJobAsync(TestJobs.Minimal("elsewhere", t0.AddSeconds(10), new LocationName("belfry-test", "europe-west1")));
        var flaky1 = (await CreateJobAsync(TestJobs.Minimal("flaky1", null))).Name;
        var flaky2 = (await CreateJobAsync(TestJobs.Minimal("flaky2", null))).Name;
        var fine = (await CreateJobAsync(TestJobs.Minimal("fine", null))).Name;
        await RunToEndAsync(flaky1, Jan13, TimeSpan.FromSeconds(1), false, statusCode: 503);
        await RunToEndAsync(flaky2, Jan13.AddHours(1), TimeSpan.FromSeconds(1), false, error: "connection refused");
        await RunToEndAsync(fine, Jan13.AddHours(2), TimeSpan.FromSeconds(1), true);

        var overview = await Jobs.OverviewAsync(TestJobs.Location, 2, Ct);

        Assert.Equal([new(JobState.Enabled, 6), new(JobState.Paused, 1)], overview.ByState);
        Assert.Equal(["flaky2", "flaky1"], overview.Failing.Select(j => j.Name.JobId));
        Assert.Equal(2, overview.FailingTotal);
        Assert.Equal(["soon", "later"], overview.NextRuns.Select(j => j.Name.JobId)); // the paused one is due first but does not run

        var one = await Jobs.OverviewAsync(TestJobs.Location, 1, Ct);
        Assert.Equal(["flaky2"], one.Failing.Select(j => j.Name.JobId));
        Assert.Equal(2, one.FailingTotal);
        Assert.Empty((await Jobs.OverviewAsync(new LocationName("belfry-test", "nowhere"), 2, Ct)).ByState);
    }

    [Fact]
    public async Task LowestRunRates_JobsInAndOutOfTheWindow_WorstFirstBoundedWithTheJobsThatRan()
    {
        var half = (await CreateJobAsync(TestJobs.Minimal("half", null))).Name;
        var all = (await CreateJobAsync(TestJobs.Minimal("all", null))).Name;
        var none = (await CreateJobAsync(TestJobs.Minimal("none", null))).Name;
        var elsewhere = (await CreateJobAsync(TestJobs.Minimal("elsewhere", null, new LocationName("belfry-test", "europe-west1")))).Name;
        await RunToEndAsync(none, Jan13.AddHours(-1), TimeSpan.FromSeconds(1), true); // before the window
        await RunToEndAsync(half, Jan13, TimeSpan.FromSeconds(1), true);
        await RunToEndAsync(half, Jan13.AddHours(1), TimeSpan.FromSeconds(1), false, statusCode: 500);
        await RunToEndAsync(all, Jan13.AddHours(1), TimeSpan.FromSeconds(1), true);
        await RunToEndAsync(all, Jan13.AddHours(2), TimeSpan.FromSeconds(1), true);
        await RunToEndAsync(none, Jan13.AddHours(2), TimeSpan.FromSeconds(1), false, statusCode: 503);
        await RunToEndAsync(elsewhere, Jan13.AddHours(2), TimeSpan.FromSeconds(1), false, statusCode: 503);
        await Jobs.CreateManualExecutionAsync(all, Jan13.AddHours(3), Ct); // outstanding: no outcome yet

        var lowest = await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 2, Ct);

        Assert.Equal([(none, 1, 0), (half, 2, 1)], lowest.Lowest.Select(r => (r.Job, r.Runs, r.Successes)));
        Assert.Equal(3, lowest.JobsWithRuns);
        Assert.Equal([0.0m, 50.0m, 100.0m], (await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 10, Ct)).Lowest.Select(r => r.SuccessRate));

        // A job created again under a deleted job's name starts without the old history, which waits for retention.
        Assert.True(await Jobs.DeleteJobAsync(none, Ct));
        await CreateJobAsync(TestJobs.Minimal("none", null));
        var after = await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 10, Ct);
        Assert.Equal(["half", "all"], after.Lowest.Select(r => r.Job.JobId));
        Assert.Equal(2, after.JobsWithRuns);
        Assert.Equal(0, (await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13.AddDays(1), 10, Ct)).JobsWithRuns);
    }
}
