using Belfry.Core.Jobs;
using Belfry.Core.Planning;

namespace Belfry.Storage.ContractTests;

// A user's update races the dispatcher: read, then the dispatcher plans (or records), then the write. The write is
// fenced on the definition version, which only users' writes raise, so it succeeds at its first try and leaves what
// the dispatcher wrote meanwhile (the advanced schedule time, the status). The job runs every minute from T0:
//
//   read (schedule time T0) ── plan at T0 (fires T0, schedule time T0+1min) ── write ── next plan at T0+1min
public abstract partial class JobStoreContractTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task UpdateJob_PlannedBetweenReadAndWrite_SucceedsAtTheFirstTryWithTheDispatchersScheduleTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("raced", StoreTime.T0));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        var fired = await PlanFiredAsync(StoreTime.T0, d => FireOnce(d, OneMinute));
        var planned = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.True(planned.Version > read.Version);

        Assert.True(await Jobs.UpdateJobAsync(read with { Description = "changed", UserUpdateTime = StoreTime.T0 }, Ct));

        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(("changed", StoreTime.T0 + OneMinute), (stored.Description, stored.ScheduleTime));
        Assert.Equal((planned.Version + 1, read.DefinitionVersion + 1), (stored.Version, stored.DefinitionVersion));

        // The time the plan fired stays fired, and the next plan goes on from the dispatcher's time, not T0 again.
        Assert.True(await Queue.RecordAttemptAsync(Result(fired, StoreTime.T0, true, null), Ct));
        var next = await PlanFiredAsync(StoreTime.T0 + OneMinute, d => FireOnce(d, OneMinute));
        Assert.Equal((StoreTime.T0 + OneMinute, "changed"), (next.Execution.ScheduleTime, next.Job.Description));
    }

    [Fact]
    public async Task UpdateJob_PausedFromAReadBeforeAPlan_PausedWithNoScheduleTime()
    {
        // A resume cannot race a plan: nothing plans a paused job.
        var job = await CreateJobAsync(TestJobs.Minimal("pause-raced", StoreTime.T0));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        await PlanAsync(StoreTime.T0, d => FireOnce(d, OneMinute) with { Fire = [] });

        Assert.True(await Jobs.UpdateJobAsync(read with { State = JobState.Paused, ScheduleTime = null, UserUpdateTime = StoreTime.T0 }, Ct));

        var paused = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal((JobState.Paused, (DateTimeOffset?)null), (paused.State, paused.ScheduleTime));
        Assert.Null((await Queue.GetNextDueAsync(Ct)).Earliest);
    }

    [Fact]
    public async Task UpdateJob_RescheduledFromAReadBeforeAPlan_TakesTheNewScheduleTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("reschedule-raced", StoreTime.T0));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        await PlanAsync(StoreTime.T0, d => FireOnce(d, OneMinute) with { Fire = [] });
        var newTime = StoreTime.T0.AddMinutes(10);

        Assert.True(await Jobs.UpdateJobAsync(read with { Schedule = "*/10 * * * *", ScheduleTime = newTime, UserUpdateTime = StoreTime.T0 }, Ct));

        Assert.Equal(newTime, (await Jobs.GetJobAsync(job.Name, Ct))!.ScheduleTime);
    }

    [Fact]
    public async Task UpdateJob_AttemptRecordedBetweenReadAndWrite_KeepsTheRecordedStatusAndAttemptTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("record-raced", StoreTime.T0));
        var fired = await PlanFiredAsync(StoreTime.T0, d => FireOnce(d, OneMinute));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.True(await Queue.RecordAttemptAsync(Result(fired, StoreTime.T0, false, null), Ct));

        Assert.True(await Jobs.UpdateJobAsync(read with { Description = "changed", UserUpdateTime = StoreTime.T0.AddSeconds(1) }, Ct));

        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(("changed", new JobStatus(14, "HTTP 503"), (DateTimeOffset?)StoreTime.T0), (stored.Description, stored.Status, stored.LastAttemptTime));
    }

    [Fact]
    public async Task UpdateJob_PlanFailedBetweenReadAndWrite_RefusedSoTheUpdateIsComputedAgain()
    {
        // UPDATE_FAILED is a change of state the update was computed without (an update recovers it, a pause refuses it).
        var job = await CreateJobAsync(TestJobs.Minimal("fail-raced", StoreTime.T0));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        await PlanAsync(StoreTime.T0, _ => OccurrencePlan.Failed("CronFormatException"));

        Assert.False(await Jobs.UpdateJobAsync(read with { State = JobState.Paused, ScheduleTime = null, UserUpdateTime = StoreTime.T0 }, Ct));

        Assert.Equal(JobState.UpdateFailed, (await Jobs.GetJobAsync(job.Name, Ct))!.State);
    }

    [Fact]
    public async Task Changes_UpdateJobArmedSinceTheRead_PublishesTheStoredVersionAboveTheArmedOne()
    {
        // ArmedQueue withdraws a claim whose job version is below the change's: the change must carry the version the
        // write left, not the read's plus one, or a claim armed after the read would be sent under the old definition.
        var job = await CreateJobAsync(TestJobs.Minimal("armed-raced", StoreTime.T0));
        var read = (await Jobs.GetJobAsync(job.Name, Ct))!;
        var (planned, _) = await PlanAheadAsync(StoreTime.T0.AddSeconds(-1), StoreTime.T0.AddSeconds(1));
        var armed = Assert.Single(planned.Fired);

        var changes = await RecordChangesAsync(async () =>
            Assert.True(await Jobs.UpdateJobAsync(read with { Description = "changed", UserUpdateTime = StoreTime.T0.AddMilliseconds(-500) }, Ct)));

        var change = Assert.Single(changes);
        var stored = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(stored.Version, change.Version);
        Assert.True(armed.Job.Version < change.Version, $"armed at version {armed.Job.Version}, change at {change.Version}");
        Assert.Empty(await ListAllExecutionsAsync(job.Name));
        Assert.Equal(StoreTime.T0, stored.ScheduleTime);
    }

    [Fact]
    public async Task UpdatePipeline_PlannedBetweenReadAndWrite_SucceedsAtTheFirstTryWithTheDispatchersScheduleTime()
    {
        var pipeline = Chain("raced") with { State = JobState.Enabled, ScheduleTime = StoreTime.T0, UserUpdateTime = StoreTime.T0 };
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var read = (await Pipelines.GetPipelineAsync(pipeline.Name, Ct))!;
        var nextDay = StoreTime.T0.AddDays(1);
        Assert.Equal(1, await Queue.PlanDuePipelinesAsync(StoreTime.T0, 10, _ => new OccurrencePlan([], [], [], null, nextDay), Ct));

        Assert.True(await Pipelines.UpdatePipelineAsync(read with { Description = "changed" }, Ct));

        var stored = (await Pipelines.GetPipelineAsync(pipeline.Name, Ct))!;
        Assert.Equal(("changed", (DateTimeOffset?)nextDay), (stored.Description, stored.ScheduleTime));
        Assert.Equal(read.DefinitionVersion + 1, stored.DefinitionVersion);
    }

    [Fact]
    public async Task UpdatePipeline_TwoWritersFromOneRead_SecondRefusedAndChangesNothing()
    {
        var pipeline = Chain("two-writers") with { State = JobState.Enabled, ScheduleTime = StoreTime.T0, UserUpdateTime = StoreTime.T0 };
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var read = (await Pipelines.GetPipelineAsync(pipeline.Name, Ct))!;
        Assert.True(await Pipelines.UpdatePipelineAsync(read with { Description = "first" }, Ct));

        Assert.False(await Pipelines.UpdatePipelineAsync(read with { State = JobState.Paused, ScheduleTime = null }, Ct));

        var stored = (await Pipelines.GetPipelineAsync(pipeline.Name, Ct))!;
        Assert.Equal(("first", JobState.Enabled, (DateTimeOffset?)StoreTime.T0), (stored.Description, stored.State, stored.ScheduleTime));
    }
}
