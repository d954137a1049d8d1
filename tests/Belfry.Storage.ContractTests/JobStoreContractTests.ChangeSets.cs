using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>Change sets (jobs as code, issue 17): every write in one transaction, guarded by the planned update times.</summary>
public abstract partial class JobStoreContractTests
{
    internal IChangeSetStore ChangeSets => Stores.ChangeSets;

    private static ResourceChange CreateJob(Job job) =>
        new() { Action = ChangeAction.Create, Kind = ChangeResourceKind.Job, Name = job.Name.FullName, Job = job };

    [Fact]
    public async Task ApplyChangeSet_BadTenthChange_LeavesTheFirstNineUnapplied()
    {
        await Jobs.CreateJobAsync(TestJobs.Minimal("taken", StoreTime.T0), Ct);
        var changes = Enumerable.Range(1, 9).Select(i => CreateJob(TestJobs.Minimal($"job-{i}", StoreTime.T0)))
            .Append(CreateJob(TestJobs.Minimal("taken", StoreTime.T0)))
            .ToList();

        var refused = await Assert.ThrowsAsync<ChangeSetConflictException>(() => ChangeSets.ApplyChangeSetAsync(new ChangeSet(changes), Ct));

        Assert.Equal(TestJobs.Location.Job("taken").FullName, refused.FullName);
        var jobs = await Jobs.ListJobsAsync(TestJobs.Location, 100, null, Ct);
        Assert.Equal(["taken"], jobs.Jobs.Select(j => j.Name.JobId));
    }

    [Fact]
    public async Task ApplyChangeSet_EveryKind_CreatesUpdatesAndDeletesTogether()
    {
        var old = TestJobs.Minimal("old", StoreTime.T0);
        await Jobs.CreateJobAsync(old, Ct);
        var kept = await Jobs.GetJobAsync(old.Name, Ct);
        var channel = TestChannel("ops");
        var pipeline = Chain("chain") with { UserUpdateTime = StoreTime.T0 };
        var updated = kept! with { Description = "changed", UserUpdateTime = StoreTime.T0.AddMinutes(1) };

        await ChangeSets.ApplyChangeSetAsync(new ChangeSet(
        [
            new() { Action = ChangeAction.Create, Kind = ChangeResourceKind.Channel, Name = channel.Name.FullName, Channel = channel },
            new() { Action = ChangeAction.Create, Kind = ChangeResourceKind.Pipeline, Name = pipeline.Name.FullName, Pipeline = pipeline },
            new() { Action = ChangeAction.Update, Kind = ChangeResourceKind.Job, Name = old.Name.FullName, Job = updated, ExpectedUpdateTime = kept.UserUpdateTime },
            CreateJob(Routed("routed")),
        ]), Ct);

        Assert.Equal("changed", (await Jobs.GetJobAsync(old.Name, Ct))!.Description);
        Assert.NotNull(await Jobs.GetJobAsync(TestJobs.Location.Job("routed"), Ct));
        Assert.Equal(channel, await Channels.GetChannelAsync(channel.Name, Ct));
        Assert.Equal(3, (await Pipelines.GetPipelineAsync(pipeline.Name, Ct))!.Steps.Count);

        await ChangeSets.ApplyChangeSetAsync(new ChangeSet(
        [
            new() { Action = ChangeAction.Delete, Kind = ChangeResourceKind.Pipeline, Name = pipeline.Name.FullName, ExpectedUpdateTime = pipeline.UserUpdateTime },
            new() { Action = ChangeAction.Delete, Kind = ChangeResourceKind.Channel, Name = channel.Name.FullName, ExpectedUpdateTime = channel.UpdateTime },
        ]), Ct);

        Assert.Null(await Pipelines.GetPipelineAsync(pipeline.Name, Ct));
        Assert.Null(await Channels.GetChannelAsync(channel.Name, Ct));
    }

    [Fact]
    public async Task ApplyChangeSet_ResourceChangedSincePlan_RefusesAndNamesIt()
    {
        var channel = TestChannel("ops");
        await Channels.CreateChannelAsync(channel, Ct);
        var planned = channel.UpdateTime;
        await Channels.UpdateChannelAsync(channel with { DisplayName = "someone else", UpdateTime = planned.AddSeconds(5) }, Ct);

        var refused = await Assert.ThrowsAsync<ChangeSetConflictException>(() => ChangeSets.ApplyChangeSetAsync(new ChangeSet(
        [
            CreateJob(TestJobs.Minimal("first", StoreTime.T0)),
            new() { Action = ChangeAction.Update, Kind = ChangeResourceKind.Channel, Name = channel.Name.FullName, Channel = channel with { DisplayName = "mine" }, ExpectedUpdateTime = planned },
        ]), Ct));

        Assert.Equal(channel.Name.FullName, refused.FullName);
        Assert.Contains("changed since the plan", refused.Message, StringComparison.Ordinal);
        Assert.Equal("someone else", (await Channels.GetChannelAsync(channel.Name, Ct))!.DisplayName);
        Assert.Null(await Jobs.GetJobAsync(TestJobs.Location.Job("first"), Ct));
    }
}
