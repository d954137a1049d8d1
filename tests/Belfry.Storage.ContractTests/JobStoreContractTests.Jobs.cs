using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task CreateJob_EveryFieldSet_GetReturnsItWithVersionOne()
    {
        var job = TestJobs.Full("full", InstantPrecision);

        await Jobs.CreateJobAsync(job, Ct);
        var stored = await Jobs.GetJobAsync(job.Name, Ct);

        Assert.Equal(job with { Version = 1, DefinitionVersion = 1 }, stored);
        Assert.Equal(job.HttpTarget.Headers, stored!.HttpTarget.Headers);
        Assert.Equal(job.HttpTarget.Body.ToArray(), stored.HttpTarget.Body.ToArray());
    }

    [Fact]
    public async Task CreateJob_InstantsWithOffsetsAndSubSeconds_ComeBackUtcAndExact()
    {
        var job = TestJobs.Full("instants", InstantPrecision);

        await Jobs.CreateJobAsync(job, Ct);
        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;

        foreach (var (expected, actual) in new[]
        {
            (job.ScheduleTime!.Value, stored.ScheduleTime!.Value),
            (job.LastAttemptTime!.Value, stored.LastAttemptTime!.Value),
            (job.UserUpdateTime, stored.UserUpdateTime),
            (job.MissedRunSince!.Value, stored.MissedRunSince!.Value),
        })
        {
            Assert.Equal(TimeSpan.Zero, actual.Offset);
            Assert.Equal(expected.UtcTicks, actual.UtcTicks);
        }
    }

    [Fact]
    public async Task CreateJob_NoHeadersEmptyBodyOidcWithoutAudience_RoundTrips()
    {
        var minimal = TestJobs.Minimal("minimal", null);
        var job = minimal with
        {
            HttpTarget = minimal.HttpTarget with { OidcToken = new OidcToken("sa@belfry-test.iam.gserviceaccount.com", null) },
        };

        await Jobs.CreateJobAsync(job, Ct);
        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;

        Assert.Equal(job with { Version = 1, DefinitionVersion = 1 }, stored);
        Assert.Empty(stored.HttpTarget.Headers);
        Assert.True(stored.HttpTarget.Body.IsEmpty);
        Assert.Null(stored.HttpTarget.OidcToken!.Audience);
        Assert.Null(stored.ScheduleTime);
        Assert.Null(stored.Status);
    }

    [Fact]
    public async Task CreateJob_NameTaken_ThrowsJobAlreadyExistsAndKeepsTheFirst()
    {
        var first = await CreateJobAsync(TestJobs.Minimal("dup", StoreTime.T0));

        var ex = await Assert.ThrowsAsync<JobAlreadyExistsException>(
            () => Jobs.CreateJobAsync(first with { Description = "second" }, Ct));

        Assert.Equal(first.Name, ex.JobName);
        Assert.Equal(first, await Jobs.GetJobAsync(first.Name, Ct));
    }

    [Fact]
    public async Task GetJob_Unknown_ReturnsNull()
    {
        Assert.Null(await Jobs.GetJobAsync(TestJobs.Location.Job("nope"), Ct));
    }

    [Fact]
    public async Task UpdateJob_CurrentDefinitionVersion_ReplacesDefinitionKeepsTheDispatchersFieldsAndRaisesBothVersions()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("upd", StoreTime.T0));
        var changed = TestJobs.Full("upd", InstantPrecision) with { DefinitionVersion = job.DefinitionVersion };

        Assert.True(await Jobs.UpdateJobAsync(changed, Ct));

        // The status and last attempt time are the dispatcher's; the new state and schedule bring their schedule time.
        var stored = await Jobs.GetJobAsync(job.Name, Ct);
        Assert.Equal(
            changed with { Version = job.Version + 1, DefinitionVersion = job.DefinitionVersion + 1, LastAttemptTime = job.LastAttemptTime, Status = job.Status },
            stored);
    }

    [Fact]
    public async Task UpdateJob_StaleDefinitionVersion_ReturnsFalseAndChangesNothing()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("stale", StoreTime.T0));
        Assert.True(await Jobs.UpdateJobAsync(job with { Description = "first writer" }, Ct));

        var lost = await Jobs.UpdateJobAsync(job with { Description = "second writer" }, Ct);

        Assert.False(lost);
        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal("first writer", stored.Description);
        Assert.Equal((job.Version + 1, job.DefinitionVersion + 1), (stored.Version, stored.DefinitionVersion));
    }

    [Fact]
    public async Task UpdateJob_Missing_ThrowsJobNotFound()
    {
        var ghost = TestJobs.Minimal("ghost", StoreTime.T0) with { Version = 1 };

        var ex = await Assert.ThrowsAsync<JobNotFoundException>(() => Jobs.UpdateJobAsync(ghost, Ct));

        Assert.Equal(ghost.Name, ex.JobName);
    }

    [Fact]
    public async Task DeleteJob_WithHistoryAndARunningAttempt_RemovesAllAndFencesTheAttempt()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("del", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var running = await ClaimSingleAsync(StoreTime.T0);
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddSeconds(1), Ct);

        Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));

        Assert.Null(await Jobs.GetJobAsync(job.Name, Ct));
        Assert.Empty(await ListAllExecutionsAsync(job.Name));
        Assert.Empty(await ClaimAsync(StoreTime.T0.AddDays(1)));
        Assert.False(await Queue.RecordAttemptAsync(Result(running, StoreTime.T0.AddSeconds(2), true, null), Ct));
        Assert.Null((await Queue.GetNextDueAsync(Ct)).Earliest);
        await Assert.ThrowsAsync<JobNotFoundException>(() => Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct));
    }

    [Fact]
    public async Task DeleteJob_Missing_ReturnsFalse()
    {
        Assert.False(await Jobs.DeleteJobAsync(TestJobs.Location.Job("nope"), Ct));
    }

    [Fact]
    public async Task DeleteJob_ThenCreateSameName_StartsFresh()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("again", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        await Jobs.DeleteJobAsync(job.Name, Ct);

        var recreated = await CreateJobAsync(TestJobs.Minimal("again", StoreTime.T0));

        Assert.Equal(1, recreated.Version);
        Assert.Empty(await ListAllExecutionsAsync(job.Name));
    }
}
