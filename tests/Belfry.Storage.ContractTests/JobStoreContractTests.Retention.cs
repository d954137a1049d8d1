using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// Retention (issue 13): finished executions and pipeline runs older than a cut-off are deleted with their attempts, a
/// batch at a time; outstanding ones, a kept run's steps and each job's newest success stay. On PostgreSQL the foreign
/// keys (attempts → executions, steps → runs) would refuse a delete that left an attempt or a step behind.
/// </summary>
public abstract partial class JobStoreContractTests
{
    private static readonly TimeSpan RetentionAge = TimeSpan.FromDays(30);

    /// <summary>
    /// A manual execution of <paramref name="job"/> at <paramref name="at"/>, claimed and finished there (or left Running).
    /// Outstanding executions whose lease ran out by then are claimed again on the way and stay outstanding.
    /// </summary>
    private async Task<string> FinishedExecutionAsync(JobName job, DateTimeOffset at, bool? succeeded)
    {
        var id = (await Jobs.CreateManualExecutionAsync(job, at, Ct)).Id;
        var claim = Assert.Single(await ClaimAsync(at), c => c.Execution.Id == id);
        if (succeeded is { } outcome)
        {
            Assert.True(await Queue.RecordAttemptAsync(Result(claim, at, outcome, null), Ct));
        }

        return claim.Execution.Id;
    }

    [Fact]
    public async Task DeleteFinishedExecutions_OldFinishedAndOutstanding_DeletesOnlyFinishedOnesButTheNewestSuccess()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("retained", null));
        var oldSuccess = await FinishedExecutionAsync(job.Name, StoreTime.T0, succeeded: true);
        var oldFailure = await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(1), succeeded: false);
        var newestSuccess = await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(2), succeeded: true);
        var running = await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(3), succeeded: null);
        var pending = (await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(4), Ct)).Id;
        var now = StoreTime.T0.AddDays(365);

        Assert.Equal(2, await Executions.DeleteFinishedExecutionsAsync(now - RetentionAge, 100, Ct));

        var left = await ListAllExecutionsAsync(job.Name);
        Assert.Equal([pending, running, newestSuccess], left.Select(e => e.Id));
        Assert.Single(left.Single(e => e.Id == newestSuccess).Attempts);
        Assert.DoesNotContain(left, e => e.Id == oldSuccess || e.Id == oldFailure);
        Assert.Equal(0, await Executions.DeleteFinishedExecutionsAsync(now - RetentionAge, 100, Ct));

        // A newer success, itself recent: the old one may go now, the recent one stays by its age.
        var recent = await FinishedExecutionAsync(job.Name, now.AddDays(-1), succeeded: true);
        Assert.Equal(1, await Executions.DeleteFinishedExecutionsAsync(now - RetentionAge, 100, Ct));
        Assert.Equal([recent, pending, running], (await ListAllExecutionsAsync(job.Name)).Select(e => e.Id));
    }

    [Fact]
    public async Task DeleteFinishedExecutions_SmallBatches_OldestFinishFirstUntilABatchComesBackShort()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("batched", null));
        var failures = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(i), succeeded: false));
        }

        var before = StoreTime.T0.AddMinutes(3); // the first three finished before it

        Assert.Equal(2, await Executions.DeleteFinishedExecutionsAsync(before, 2, Ct));
        Assert.Equal(failures[2..].AsEnumerable().Reverse(), (await ListAllExecutionsAsync(job.Name)).Select(e => e.Id));
        Assert.Equal(1, await Executions.DeleteFinishedExecutionsAsync(before, 2, Ct));
        Assert.Equal(0, await Executions.DeleteFinishedExecutionsAsync(before, 2, Ct));
        Assert.Equal(failures[3..].AsEnumerable().Reverse(), (await ListAllExecutionsAsync(job.Name)).Select(e => e.Id));
    }

    [Fact]
    public async Task DeleteFinishedExecutions_TwoCallersAtOnce_EveryRowDeletedOnceAndNoError()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("raced", null));
        for (var i = 0; i < 40; i++)
        {
            await FinishedExecutionAsync(job.Name, StoreTime.T0.AddSeconds(i), succeeded: false);
        }

        var before = StoreTime.T0.AddDays(1);
        async Task<int> DrainAsync()
        {
            var total = 0;
            int deleted;
            do
            {
                deleted = await Executions.DeleteFinishedExecutionsAsync(before, 3, Ct);
                total += deleted;
            }
            while (deleted > 0);
            return total;
        }

        var counts = await Task.WhenAll(DrainAsync(), DrainAsync());

        Assert.Equal(40, counts.Sum());
        Assert.Empty(await ListAllExecutionsAsync(job.Name));
    }

    /// <summary>A new <see cref="Chain"/> pipeline and a run of it at T0 that failed at its first step.</summary>
    private async Task<(Pipeline Pipeline, PipelineRun Run, ClaimedAttempt Fetch)> FailedRunAsync(string id)
    {
        var pipeline = Chain(id);
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var run = await Pipelines.StartManualRunAsync(pipeline.Name, StoreTime.T0, Ct);
        var fetch = Assert.Single(await Queue.ClaimDueAttemptsAsync(StoreTime.T0, 10, AttemptLease, Ct));
        Assert.True(await FinishAsync(fetch, succeeded: false));
        return (pipeline, run, fetch);
    }

    [Fact]
    public async Task DeleteFinishedRuns_OldFinishedAndRunningRuns_FinishedOneGoesWithItsStepsExecutionsOnlyThen()
    {
        var (pipeline, failedRun, fetch) = await FailedRunAsync("kept");
        var runningRun = await Pipelines.StartManualRunAsync(pipeline.Name, StoreTime.T0.AddMinutes(1), Ct);
        var stillRunning = Assert.Single(await Queue.ClaimDueAttemptsAsync(StoreTime.T0.AddMinutes(1), 10, AttemptLease, Ct));
        var before = StoreTime.T0.AddDays(365) - RetentionAge;

        // The failed run's step execution is old and final, but its run still names it.
        Assert.Equal(0, await Executions.DeleteFinishedExecutionsAsync(before, 100, Ct));
        Assert.Equal(2, (await ListAllExecutionsAsync(fetch.Job.Name)).Count);

        Assert.Equal(1, await Pipelines.DeleteFinishedRunsAsync(before, 10, Ct));

        Assert.Null(await Pipelines.GetRunAsync(pipeline.Name, failedRun.Id, Ct));
        var kept = (await Pipelines.GetRunAsync(pipeline.Name, runningRun.Id, Ct))!;
        Assert.Equal((PipelineRunState.Running, stillRunning.Execution.Id), (kept.State, kept.Steps[0].Execution?.Id));
        Assert.Equal([stillRunning.Execution.Id], (await ListAllExecutionsAsync(fetch.Job.Name)).Select(e => e.Id));
        Assert.Equal(0, await Pipelines.DeleteFinishedRunsAsync(before, 10, Ct));
    }

    [Fact]
    public async Task DeleteFinishedRuns_FinishedAfterTheCutoff_Kept()
    {
        var (pipeline, run, fetch) = await FailedRunAsync("recent");

        Assert.Equal(0, await Pipelines.DeleteFinishedRunsAsync(StoreTime.T0, 10, Ct));

        Assert.Equal(PipelineRunState.Failed, (await Pipelines.GetRunAsync(pipeline.Name, run.Id, Ct))!.State);
        Assert.Single(await ListAllExecutionsAsync(fetch.Job.Name));
        Assert.Equal(ExecutionState.Failed, (await ListAllExecutionsAsync(fetch.Job.Name))[0].State);
    }
}
