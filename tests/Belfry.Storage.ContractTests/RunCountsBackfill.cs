using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// The run counts' migration (SQLite 0017, PostgreSQL 0011) on a store that already has a history: each engine's test
/// writes it through the stores (<see cref="WriteAsync"/>), takes the migration back by hand, opens the store again so
/// the migration runs on that history, and checks its backfill (<see cref="AssertBackfilledAsync"/>).
/// </summary>
internal static class RunCountsBackfill
{
    private static readonly DateTimeOffset Day = new(2030, 1, 13, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Finished runs on two UTC days, one outstanding, and a deleted job's history beside its namesake's.</summary>
    public static async Task WriteAsync(IJobStore jobs, IDispatchQueue queue, CancellationToken cancellationToken)
    {
        var (a, b, gone) = (TestJobs.Minimal("a", null), TestJobs.Minimal("b", null), TestJobs.Minimal("gone", null));
        foreach (var job in new[] { a, b, gone })
        {
            await jobs.CreateJobAsync(job, cancellationToken);
        }

        await RunAsync(jobs, queue, a.Name, Day.AddHours(1), true, cancellationToken);
        await RunAsync(jobs, queue, a.Name, Day.AddHours(25), false, cancellationToken);
        await RunAsync(jobs, queue, b.Name, Day.AddHours(2), false, cancellationToken);
        await RunAsync(jobs, queue, gone.Name, Day.AddHours(3), true, cancellationToken);
        Assert.True(await jobs.DeleteJobAsync(gone.Name, cancellationToken));
        await jobs.CreateJobAsync(gone, cancellationToken);
        await RunAsync(jobs, queue, gone.Name, Day.AddHours(4), false, cancellationToken);
        await jobs.CreateManualExecutionAsync(b.Name, Day.AddHours(5), cancellationToken);
    }

    /// <summary>The counts equal the executions of every day, and the new namesake has only its own run.</summary>
    public static async Task AssertBackfilledAsync(IExecutionStore executions, CancellationToken cancellationToken)
    {
        for (var since = Day.AddDays(-1); since <= Day.AddDays(2); since = since.AddDays(1))
        {
            var counted = await executions.LowestRunRatesAsync(TestJobs.Location, since, 10, cancellationToken);
            var summaries = await executions.SummarizeRunsAsync(TestJobs.Location, since, cancellationToken);
            Assert.Equal(
                summaries.Select(s => (s.Job.JobId, s.Runs, s.Successes)),
                counted.Lowest.Select(r => (r.Job.JobId, r.Runs, r.Successes)).OrderBy(r => r.JobId, StringComparer.Ordinal));
        }

        var rates = await executions.LowestRunRatesAsync(TestJobs.Location, Day, 10, cancellationToken);
        Assert.Equal([("b", 1, 0), ("gone", 1, 0), ("a", 2, 1)], rates.Lowest.Select(r => (r.Job.JobId, r.Runs, r.Successes)));
    }

    private static async Task RunAsync(IJobStore jobs, IDispatchQueue queue, JobName job, DateTimeOffset at, bool succeeded, CancellationToken cancellationToken)
    {
        await jobs.CreateManualExecutionAsync(job, at, cancellationToken);
        var claim = Assert.Single(await queue.ClaimDueAttemptsAsync(at, 10, TimeSpan.FromSeconds(30), cancellationToken));
        Assert.True(await queue.RecordAttemptAsync(new AttemptResult(
            claim.Execution.Id, job, claim.AttemptNumber, claim.Epoch, at, TimeSpan.FromSeconds(1), succeeded ? 200 : 500, null, succeeded, null,
            new JobStatus(succeeded ? 0 : 13, ""), at.AddSeconds(1)), cancellationToken));
    }
}
