using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task ListJobs_SevenJobsPagesOfThree_ThreePagesInJobIdOrderWithoutGapsOrRepeats()
    {
        string[] ids = ["job-g", "job-a", "job-e", "job-c", "job-b", "job-f", "job-d"];
        foreach (var id in ids)
        {
            await Jobs.CreateJobAsync(TestJobs.Minimal(id, StoreTime.T0), Ct);
        }

        // Same job ids elsewhere must not leak in.
        await Jobs.CreateJobAsync(TestJobs.Minimal("job-a", StoreTime.T0, new LocationName("belfry-test", "europe-west1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("job-a", StoreTime.T0, new LocationName("other-project", "us-central1")), Ct);

        var first = await Jobs.ListJobsAsync(TestJobs.Location, 3, null, Ct);
        var second = await Jobs.ListJobsAsync(TestJobs.Location, 3, first.NextPageToken, Ct);
        var third = await Jobs.ListJobsAsync(TestJobs.Location, 3, second.NextPageToken, Ct);

        Assert.Equal(["job-a", "job-b", "job-c"], first.Jobs.Select(j => j.Name.JobId));
        Assert.Equal(["job-d", "job-e", "job-f"], second.Jobs.Select(j => j.Name.JobId));
        Assert.Equal(["job-g"], third.Jobs.Select(j => j.Name.JobId));
        Assert.NotNull(first.NextPageToken);
        Assert.NotNull(second.NextPageToken);
        Assert.Null(third.NextPageToken);
        Assert.All(first.Jobs.Concat(second.Jobs).Concat(third.Jobs), j => Assert.Equal(TestJobs.Location, j.Name.Parent));
    }

    [Fact]
    public async Task ListJobs_ExactMultipleOfPageSize_LastPageHasNoToken()
    {
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            await Jobs.CreateJobAsync(TestJobs.Minimal(id, StoreTime.T0), Ct);
        }

        var first = await Jobs.ListJobsAsync(TestJobs.Location, 2, null, Ct);
        var second = await Jobs.ListJobsAsync(TestJobs.Location, 2, first.NextPageToken, Ct);

        Assert.Equal(2, second.Jobs.Count);
        Assert.Null(second.NextPageToken);
    }

    [Fact]
    public async Task ListJobs_EmptyLocationOrDefaultPageSize_ReturnsWhatThereIs()
    {
        await Jobs.CreateJobAsync(TestJobs.Minimal("only", StoreTime.T0), Ct);

        var empty = await Jobs.ListJobsAsync(new LocationName("belfry-test", "asia-east1"), 10, null, Ct);
        var defaulted = await Jobs.ListJobsAsync(TestJobs.Location, 0, null, Ct);

        Assert.Empty(empty.Jobs);
        Assert.Null(empty.NextPageToken);
        Assert.Equal("only", Assert.Single(defaulted.Jobs).Name.JobId);
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("AAAA")]
    [InlineData("bm90IGEgdG9rZW4")]
    public async Task ListJobs_GarbageToken_ThrowsInvalidPageToken(string token)
    {
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Jobs.ListJobsAsync(TestJobs.Location, 10, token, Ct));
    }

    [Fact]
    public async Task ListJobs_TokenFromAnotherLocationOrList_ThrowsInvalidPageToken()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0));
        await Jobs.CreateJobAsync(TestJobs.Minimal("b", StoreTime.T0), Ct);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(1), Ct);
        var jobToken = (await Jobs.ListJobsAsync(TestJobs.Location, 1, null, Ct)).NextPageToken!;
        var executionToken = (await Executions.ListExecutionsAsync(job.Name, 1, null, Ct)).NextPageToken!;

        await Assert.ThrowsAsync<InvalidPageTokenException>(
            () => Jobs.ListJobsAsync(new LocationName("belfry-test", "europe-west1"), 1, jobToken, Ct));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Jobs.ListJobsAsync(TestJobs.Location, 1, executionToken, Ct));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Executions.ListExecutionsAsync(job.Name, 1, jobToken, Ct));
        await Assert.ThrowsAsync<InvalidPageTokenException>(
            () => Executions.ListExecutionsAsync(TestJobs.Location.Job("b"), 1, executionToken, Ct));
    }

    [Fact]
    public async Task ListExecutions_PagesOfThreeWithTiedScheduleTimes_NewestFirstWithoutGapsOrRepeats()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("exec-pages", StoreTime.T0));
        var created = new List<Execution>();
        foreach (var seconds in new[] { 0, 5, 5, 5, 10, 20, 20, 30 })
        {
            created.Add(await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(seconds), Ct));
        }

        var listed = new List<Execution>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Executions.ListExecutionsAsync(job.Name, 3, token, Ct);
            Assert.InRange(page.Executions.Count, 1, 3);
            listed.AddRange(page.Executions);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Count, listed.Select(e => e.Id).Distinct().Count());
        Assert.Equal(created.Select(e => e.Id).Order(), listed.Select(e => e.Id).Order());
        Assert.Equal(listed.Select(e => e.ScheduleTime).OrderDescending(), listed.Select(e => e.ScheduleTime));
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("AAAA")]
    public async Task ListExecutions_GarbageToken_ThrowsInvalidPageToken(string token)
    {
        var job = await CreateJobAsync(TestJobs.Minimal("exec-garbage", StoreTime.T0));

        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Executions.ListExecutionsAsync(job.Name, 10, token, Ct));
    }
}
