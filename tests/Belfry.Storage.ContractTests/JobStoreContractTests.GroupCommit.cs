namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task RecordAttempts_BatchWithOneStaleResult_RecordsTheOthersAndSaysWhich()
    {
        var jobs = new[] { "a", "b", "c" };
        foreach (var id in jobs)
        {
            var job = await CreateJobAsync(TestJobs.Minimal(id, StoreTime.T0));
            await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        }

        var claims = (await ClaimAsync(StoreTime.T0)).OrderBy(c => c.Job.Name.JobId, StringComparer.Ordinal).ToList();
        Assert.Equal(3, claims.Count);
        var results = claims.Select(c => Result(c, StoreTime.T0, true, null)).ToList();
        results[1] = results[1] with { Epoch = claims[1].Epoch + 1 };

        var recorded = await Queue.RecordAttemptsAsync(results, Ct);

        Assert.Equal([true, false, true], recorded);
        Assert.Single((await GetExecutionAsync(claims[0].Job.Name, claims[0].Execution.Id)).Attempts);
        Assert.Empty((await GetExecutionAsync(claims[1].Job.Name, claims[1].Execution.Id)).Attempts);
        Assert.Single((await GetExecutionAsync(claims[2].Job.Name, claims[2].Execution.Id)).Attempts);
    }

    [Fact]
    public async Task RecordAttempts_Empty_RecordsNothing()
    {
        Assert.Empty(await Queue.RecordAttemptsAsync([], Ct));
    }
}
