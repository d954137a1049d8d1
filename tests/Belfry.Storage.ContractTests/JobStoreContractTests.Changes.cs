using System.Collections.Concurrent;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// The store's change feed (<see cref="IStoreChanges"/>): every committed write the dispatcher must hear of is
/// published, with the job's new version, and nothing is published for a write that failed. A store whose feed is
/// asynchronous (LISTEN/NOTIFY) overrides <see cref="WhenPublishedAsync"/> to wait for delivery.
/// </summary>
public abstract partial class JobStoreContractTests
{
    /// <summary>Completes once what was committed so far has reached the subscribers; at once for an in-process feed.</summary>
    protected virtual Task WhenPublishedAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<StoreChange>> RecordChangesAsync(Func<Task> write)
    {
        var feed = Stores.Changes;
        var seen = new ConcurrentQueue<StoreChange>();
        using (feed.Subscribe(seen.Enqueue))
        {
            await write();
            await WhenPublishedAsync();
        }

        return [.. seen];
    }

    [Fact]
    public async Task Changes_CreateJob_PublishesJobCreatedAtVersionOne()
    {
        var job = TestJobs.Minimal("created", StoreTime.T0.AddMinutes(1));

        var changes = await RecordChangesAsync(() => Jobs.CreateJobAsync(job, Ct));

        var change = Assert.Single(changes);
        Assert.Equal((StoreChangeKind.JobCreated, job.Name, 1L, job.UserUpdateTime), (change.Kind, change.Job, change.Version, change.At));
        Assert.Equal(1, (await Jobs.GetJobAsync(job.Name, Ct))!.Version);
    }

    [Fact]
    public async Task Changes_CreateJobNameTaken_PublishesNothing()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("taken", StoreTime.T0.AddMinutes(1)));

        var changes = await RecordChangesAsync(() =>
            Assert.ThrowsAsync<JobAlreadyExistsException>(() => Jobs.CreateJobAsync(job with { Description = "again" }, Ct)));

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changes_UpdateJob_PublishesTheStoredVersionAndTheUpdateTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("updated", StoreTime.T0.AddMinutes(1)));
        var changedAt = StoreTime.T0.AddSeconds(30);

        var changes = await RecordChangesAsync(async () =>
            Assert.True(await Jobs.UpdateJobAsync(job with { Description = "new", UserUpdateTime = changedAt }, Ct)));

        var change = Assert.Single(changes);
        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal((StoreChangeKind.JobUpdated, job.Name, stored.Version, changedAt), (change.Kind, change.Job, change.Version, change.At));
        Assert.Equal(job.Version + 1, change.Version);
    }

    [Fact]
    public async Task Changes_UpdateJobStaleDefinitionVersion_PublishesNothing()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("stale", StoreTime.T0.AddMinutes(1)));
        Assert.True(await Jobs.UpdateJobAsync(job with { Description = "first" }, Ct));

        var changes = await RecordChangesAsync(async () =>
            Assert.False(await Jobs.UpdateJobAsync(job with { Description = "second" }, Ct)));

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changes_DeleteJob_PublishesJobDeletedAndNothingForAMissingJob()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("deleted", StoreTime.T0.AddMinutes(1)));

        var changes = await RecordChangesAsync(async () =>
        {
            Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));
            Assert.False(await Jobs.DeleteJobAsync(job.Name, Ct));
        });

        var change = Assert.Single(changes);
        Assert.Equal((StoreChangeKind.JobDeleted, job.Name), (change.Kind, change.Job));
    }

    [Fact]
    public async Task Changes_ManualRun_PublishesExecutionsDueAndNothingForAMissingJob()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("manual", StoreTime.T0.AddMinutes(1)));
        var now = StoreTime.T0.AddSeconds(5);

        var changes = await RecordChangesAsync(async () =>
        {
            await Jobs.CreateManualExecutionAsync(job.Name, now, Ct);
            await Assert.ThrowsAsync<JobNotFoundException>(() => Jobs.CreateManualExecutionAsync(TestJobs.Location.Job("missing"), now, Ct));
        });

        var change = Assert.Single(changes);
        Assert.Equal((StoreChangeKind.ExecutionsDue, job.Name, now), (change.Kind, change.Job, change.At));
    }

    [Fact]
    public async Task Changes_PipelineCreatedAndRunStarted_PublishesEach()
    {
        var pipeline = Chain("changes");
        var now = StoreTime.T0.AddSeconds(5);

        var changes = await RecordChangesAsync(async () =>
        {
            await Pipelines.CreatePipelineAsync(pipeline, Ct);
            await Pipelines.StartManualRunAsync(pipeline.Name, now, Ct);
        });

        Assert.Equal(
            [(StoreChangeKind.PipelineChanged, pipeline.Name), (StoreChangeKind.ExecutionsDue, pipeline.Name)],
            changes.Select(c => (c.Kind, c.Pipeline)));
        Assert.Equal(now, changes[1].At);
    }

    [Fact]
    public async Task Changes_PipelineNameTakenOrRunNotResumable_PublishesNothing()
    {
        var pipeline = Chain("refused");
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var run = await Pipelines.StartManualRunAsync(pipeline.Name, StoreTime.T0, Ct);

        var changes = await RecordChangesAsync(async () =>
        {
            await Assert.ThrowsAsync<ResourceAlreadyExistsException>(() => Pipelines.CreatePipelineAsync(pipeline with { Description = "again" }, Ct));
            await Assert.ThrowsAsync<PipelineRunConflictException>(() => Pipelines.ResumeRunAsync(pipeline.Name, run.Id, StoreTime.T0, Ct));
        });

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changes_AfterUnsubscribing_NothingMoreArrives()
    {
        var feed = Stores.Changes;
        var seen = new ConcurrentQueue<StoreChange>();
        feed.Subscribe(seen.Enqueue).Dispose();

        await Jobs.CreateJobAsync(TestJobs.Minimal("unheard", StoreTime.T0.AddMinutes(1)), Ct);
        await WhenPublishedAsync();

        Assert.Empty(seen);
        Assert.NotNull(await Jobs.GetJobAsync(TestJobs.Location.Job("unheard"), Ct));
    }
}
