namespace Belfry.Storage.ContractTests;

/// <summary>
/// The per-day run counts the dashboard's rates read (issue 16, point 6): raised when an execution becomes final, so
/// they must always say what a count over the executions says (<see cref="Core.Storage.IExecutionStore.SummarizeRunsAsync"/>
/// reads the executions themselves).
/// </summary>
public abstract partial class JobStoreContractTests
{
    /// <summary>A far future cut-off: <c>DeleteOldRunCountsAsync</c> with it deletes, and so counts, every row left.</summary>
    private static readonly DateTimeOffset AfterEverything = Jan13.AddYears(1);

    [Fact]
    public async Task RunCounts_MixedHistory_EqualTheFinishedExecutionsOfEveryDay()
    {
        var steady = (await CreateJobAsync(TestJobs.Minimal("steady", null))).Name;
        var retried = (await CreateJobAsync(TestJobs.Minimal("retried", null))).Name;
        var gone = (await CreateJobAsync(TestJobs.Minimal("gone", null))).Name;

        // A run counts on its schedule time's UTC day, whenever it finishes: the last one finishes on the 14th.
        await RunToEndAsync(steady, Jan13.AddHours(-1), TimeSpan.FromSeconds(1), true);
        await RunToEndAsync(steady, Jan13, TimeSpan.FromSeconds(1), false, statusCode: 500);
        await RunToEndAsync(steady, Jan13.AddDays(1).AddTicks(-10), TimeSpan.FromSeconds(1), true);

        // Retried: each execution is one run, however many attempts it took.
        await RunToEndAsync(retried, Jan13.AddHours(5), TimeSpan.FromSeconds(61), true, retryAfter: TimeSpan.FromSeconds(60));
        await RunToEndAsync(retried, Jan13.AddHours(6), TimeSpan.FromSeconds(61), false, statusCode: 503, retryAfter: TimeSpan.FromSeconds(60));

        // A result recorded twice, and a result from a holder whose lease was taken over: fenced out, counted once.
        await Jobs.CreateManualExecutionAsync(retried, Jan13.AddHours(7), Ct);
        var claim = await ClaimSingleAsync(Jan13.AddHours(7));
        var result = Final(claim, Jan13.AddHours(7), Jan13.AddHours(7).AddSeconds(1), true, 200, null);
        Assert.True(await Queue.RecordAttemptAsync(result, Ct));
        Assert.False(await Queue.RecordAttemptAsync(result, Ct));
        await Jobs.CreateManualExecutionAsync(retried, Jan13.AddHours(8), Ct);
        var lost = await ClaimSingleAsync(Jan13.AddHours(8));
        var taken = await ClaimSingleAsync(Jan13.AddHours(8) + AttemptLease + TimeSpan.FromSeconds(1));
        Assert.False(await Queue.RecordAttemptAsync(Final(lost, Jan13.AddHours(8), Jan13.AddHours(8).AddSeconds(1), true, 200, null), Ct));
        Assert.True(await Queue.RecordAttemptAsync(Final(taken, Jan13.AddHours(8), Jan13.AddHours(8).AddMinutes(1), false, 500, null), Ct));
        await Jobs.CreateManualExecutionAsync(retried, Jan13.AddHours(9), Ct); // outstanding: no run yet

        // A deleted job's counts go with it; the job created again under its name starts from nothing.
        await RunToEndAsync(gone, Jan13.AddHours(2), TimeSpan.FromSeconds(1), false, statusCode: 500);
        Assert.True(await Jobs.DeleteJobAsync(gone, Ct));
        var again = (await CreateJobAsync(TestJobs.Minimal("gone", null))).Name;
        await RunToEndAsync(again, Jan13.AddHours(3), TimeSpan.FromSeconds(1), true);

        // A pipeline step counts under its step job; a step cancelled with its run counts nothing.
        var pipeline = Chain("counted");
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var run = await Pipelines.StartManualRunAsync(pipeline.Name, StoreTime.T0, Ct);
        Assert.True(await FinishAsync(Assert.Single(await ClaimAsync(StoreTime.T0), c => c.Step?.StepId == "fetch"), succeeded: true));
        var merge = Assert.Single(await ClaimAsync(StoreTime.T0), c => c.Step?.StepId == "merge");
        await Pipelines.CancelRunAsync(pipeline.Name, run.Id, StoreTime.T0, Ct);
        Assert.False(await FinishAsync(merge, succeeded: true));

        for (var day = Jan13.AddDays(-2); day <= StoreTime.T0.AddDays(1); day = day.AddDays(1))
        {
            var counted = await Executions.LowestRunRatesAsync(TestJobs.Location, day, 100, Ct);
            var executions = await Executions.SummarizeRunsAsync(TestJobs.Location, day, Ct);
            Assert.Equal(
                executions.Select(s => (s.Job.JobId, s.Runs, s.Successes)).OrderBy(r => r.JobId, StringComparer.Ordinal),
                counted.Lowest.Select(r => (r.Job.JobId, r.Runs, r.Successes)).OrderBy(r => r.JobId, StringComparer.Ordinal));
            Assert.Equal(executions.Count, counted.JobsWithRuns);
        }

        var week = await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 100, Ct);
        Assert.Equal(
            [("retried", 4, 2), ("steady", 2, 1), ("counted-fetch", 1, 1), ("gone", 1, 1)],
            week.Lowest.Select(r => (r.Job.JobId, r.Runs, r.Successes)));

        // The rows left: steady's 12th and 13th, retried's 13th, the new gone's 13th; the pipeline's go with it.
        Assert.True(await Pipelines.DeletePipelineAsync(pipeline.Name, Ct));
        Assert.Equal(4, await Executions.DeleteOldRunCountsAsync(AfterEverything, 100, Ct));
        Assert.Equal(0, (await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13.AddDays(-2), 100, Ct)).JobsWithRuns);
    }

    [Fact]
    public async Task DeleteOldRunCounts_DaysBeforeTheCutOff_GoInBatchesAndOnlyTheCountsGo()
    {
        var job = (await CreateJobAsync(TestJobs.Minimal("daily", null))).Name;
        for (var day = 0; day < 4; day++)
        {
            await RunToEndAsync(job, Jan13.AddDays(day).AddHours(6), TimeSpan.FromSeconds(1), day % 2 == 0);
        }

        // A cut-off within a day keeps that whole day: the 13th and 14th go, one a batch.
        var before = Jan13.AddDays(2).AddHours(12);
        Assert.Equal(1, await Executions.DeleteOldRunCountsAsync(before, 1, Ct));
        Assert.Equal(1, await Executions.DeleteOldRunCountsAsync(before, 1, Ct));
        Assert.Equal(0, await Executions.DeleteOldRunCountsAsync(before, 1, Ct));

        var rates = Assert.Single((await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 10, Ct)).Lowest);
        Assert.Equal((2, 1), (rates.Runs, rates.Successes));
        Assert.Equal(4, Assert.Single(await Executions.SummarizeRunsAsync(TestJobs.Location, Jan13, Ct)).Runs);
    }

    [Fact]
    public async Task LowestRunRates_WindowWithinADay_Refused()
    {
        var job = (await CreateJobAsync(TestJobs.Minimal("daily", null))).Name;
        await RunToEndAsync(job, Jan13.AddHours(6), TimeSpan.FromSeconds(1), true);

        await Assert.ThrowsAsync<ArgumentException>(() => Executions.LowestRunRatesAsync(TestJobs.Location, Jan13.AddHours(1), 10, Ct));
        Assert.Equal(1, (await Executions.LowestRunRatesAsync(TestJobs.Location, Jan13, 10, Ct)).JobsWithRuns);
    }
}
