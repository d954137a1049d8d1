using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// Deleting a job in batches (issue 14, M6): the job and its outstanding executions go at once, its finished history is
/// deleted afterwards a batch per transaction, and a job created again under the name never sees it.
/// </summary>
public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task DeleteJob_WithFinishedHistory_GoneAtOnceAndHistoryDeletedInBatchesAfterwards()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("big", null));
        for (var i = 0; i < 5; i++)
        {
            await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(i), succeeded: i % 2 == 0);
        }

        await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(10), succeeded: null);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(11), Ct);
        var now = StoreTime.T0.AddMinutes(12);

        Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));

        Assert.Null(await Jobs.GetJobAsync(job.Name, Ct));
        Assert.DoesNotContain((await Jobs.ListJobsAsync(TestJobs.Location, 100, null, Ct)).Jobs, j => j.Name == job.Name);
        await Assert.ThrowsAsync<JobNotFoundException>(() => Jobs.CreateManualExecutionAsync(job.Name, now, Ct));
        Assert.Empty(await ClaimAsync(now.AddDays(1))); // neither the Pending one nor the Running one, its lease long gone
        Assert.Empty(await ListAllExecutionsAsync(job.Name));

        // The five finished ones are left for retention: two, two, then the last one and the grave.
        Assert.Equal(2, await Executions.DeleteDeletedJobsHistoryAsync(now, 2, Ct));
        Assert.Equal(2, await Executions.DeleteDeletedJobsHistoryAsync(now, 2, Ct));
        Assert.Equal(1, await Executions.DeleteDeletedJobsHistoryAsync(now, 2, Ct));
        Assert.Equal(0, await Executions.DeleteDeletedJobsHistoryAsync(now, 2, Ct));
    }

    [Fact]
    public async Task DeleteJob_CreatedAgainBeforeItsHistoryIsDeleted_NewJobNeverSeesTheOldHistory()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("reborn", null));
        await FinishedExecutionAsync(job.Name, StoreTime.T0, succeeded: false);
        await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(1), succeeded: true);
        await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(2), succeeded: false);
        Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));

        await CreateJobAsync(TestJobs.Minimal("reborn", null));
        var fresh = await FinishedExecutionAsync(job.Name, StoreTime.T0.AddMinutes(3), succeeded: true);

        Assert.Equal([fresh], (await ListAllExecutionsAsync(job.Name)).Select(e => e.Id));
        var summary = Assert.Single(await Executions.SummarizeRunsAsync(TestJobs.Location, StoreTime.T0.AddDays(-1), Ct), s => s.Job == job.Name);
        Assert.Equal(1, summary.Runs);

        // Retention deletes the three old ones and nothing of the new job's, though they share the name.
        Assert.Equal(3, await Executions.DeleteDeletedJobsHistoryAsync(StoreTime.T0.AddMinutes(4), 100, Ct));
        Assert.Equal(0, await Executions.DeleteDeletedJobsHistoryAsync(StoreTime.T0.AddMinutes(4), 100, Ct));
        var left = Assert.Single(await ListAllExecutionsAsync(job.Name));
        Assert.Equal(fresh, left.Id);
        Assert.Single(left.Attempts);

        // Deleted again, the new job leaves its own grave.
        Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));
        Assert.Equal(1, await Executions.DeleteDeletedJobsHistoryAsync(StoreTime.T0.AddMinutes(5), 100, Ct));
    }
}
