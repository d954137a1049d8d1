using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// What an embedded store that owns a data directory must also do (DESIGN.md: "A second server opening the same
/// file refuses to start"): one owner at a time, everything committed survives a restart, and executions a dead
/// owner left Running are taken over at once by the next owner, with a higher epoch.
/// </summary>
public abstract class EmbeddedStoreContractTests : IAsyncDisposable
{
    private static readonly TimeSpan AttemptLease = TimeSpan.FromSeconds(30);

    protected EmbeddedStoreContractTests() => DataDirectory = Directory.CreateTempSubdirectory("belfry-store-").FullName;

    /// <summary>A fresh temporary directory, deleted after the test.</summary>
    protected string DataDirectory { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens the store in <paramref name="dataDirectory"/>.</summary>
    internal abstract Task<ContractStores> OpenStoresAsync(string dataDirectory, TimeProvider timeProvider);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Open_DirectoryAlreadyOpen_ThrowsStoreLockedNamingTheDirectory()
    {
        await using var first = await OpenStoresAsync(DataDirectory, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<StoreLockedException>(() => OpenStoresAsync(DataDirectory, TimeProvider.System));

        Assert.Contains(DataDirectory, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AfterTheOwnerClosed_SucceedsWithEverythingCommitted()
    {
        var job = TestJobs.Full("durable", TimeSpan.FromTicks(1));
        string executionId;
        await using (var handle = await OpenAtAsync(StoreTime.T0))
        {
            var first = handle;
            await first.Jobs.CreateJobAsync(job, Ct);
            executionId = (await first.Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct)).Id;
        }

        await using var reopened = await OpenAtAsync(StoreTime.T0);
        var second = reopened;

        Assert.Equal(job with { Version = 1, DefinitionVersion = 1 }, await second.Jobs.GetJobAsync(job.Name, Ct));
        var execution = Assert.Single((await second.Executions.ListExecutionsAsync(job.Name, 10, null, Ct)).Executions);
        Assert.Equal((executionId, ExecutionState.Pending), (execution.Id, execution.State));
    }

    [Fact]
    public async Task Open_MissingDirectory_CreatesIt()
    {
        var nested = Path.Combine(DataDirectory, "not", "yet");

        await using var store = await OpenStoresAsync(nested, TimeProvider.System);

        Assert.True(Directory.Exists(nested));
    }

    [Fact]
    public async Task Open_ExecutionLeftRunningByTheLastOwner_ClaimableAtOnceWithHigherEpoch()
    {
        var job = TestJobs.Minimal("crashed", null);
        ClaimedAttempt lost;
        await using (var handle = await OpenAtAsync(StoreTime.T0))
        {
            var crashed = handle;
            await crashed.Jobs.CreateJobAsync(job, Ct);
            await crashed.Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
            lost = Assert.Single(await crashed.Queue.ClaimDueAttemptsAsync(StoreTime.T0, 10, AttemptLease, Ct));
        }

        // Restarted well before the old lease would run out.
        var restart = StoreTime.T0.AddSeconds(5);
        Assert.True(restart < lost.LeaseUntil);
        await using var reopened = await OpenAtAsync(restart);
        var recovered = reopened;

        Assert.Equal(restart, (await recovered.Queue.GetNextDueAsync(Ct)).Earliest);
        var takeover = Assert.Single(await recovered.Queue.ClaimDueAttemptsAsync(restart, 10, AttemptLease, Ct));
        Assert.Equal((lost.Execution.Id, lost.Epoch + 1, 2), (takeover.Execution.Id, takeover.Epoch, takeover.AttemptNumber));
        Assert.Equal(restart + AttemptLease, takeover.LeaseUntil);
        var stale = new AttemptResult(lost.Execution.Id, job.Name, lost.AttemptNumber, lost.Epoch, StoreTime.T0, TimeSpan.FromSeconds(1),
            200, null, true, null, new JobStatus(0, ""), restart);
        Assert.False(await recovered.Queue.RecordAttemptAsync(stale, Ct));
    }

    [Fact]
    public async Task Open_ArmedExecutionNeverSent_PendingAgainAndClaimedAtItsTimeAsAttemptOne()
    {
        // Armed at T0-1s for T0 (dispatcher lookahead), then the process died before T0 and restarted at T0-0.5s.
        var job = TestJobs.Minimal("armed-crash", StoreTime.T0);
        ClaimedAttempt lost;
        await using (var handle = await OpenAtAsync(StoreTime.T0.AddSeconds(-1)))
        {
            var crashed = handle;
            await crashed.Jobs.CreateJobAsync(job, Ct);
            var planned = await crashed.Queue.PlanDueJobsAsync(StoreTime.T0.AddSeconds(-1), StoreTime.T0.AddSeconds(1), 10, AttemptLease, ArmScheduleTime, Ct);
            lost = Assert.Single(planned.Fired);
        }

        var restart = StoreTime.T0.AddMilliseconds(-500);
        await using var reopened = await OpenAtAsync(restart);
        var recovered = reopened;

        Assert.Equal(StoreTime.T0, (await recovered.Queue.GetNextDueAsync(Ct)).Other);
        Assert.Empty(await recovered.Queue.ClaimDueAttemptsAsync(restart, 10, AttemptLease, Ct));
        Assert.Empty(await recovered.Queue.ClaimDueAttemptsAsync(StoreTime.T0.AddTicks(-1), 10, AttemptLease, Ct));
        var takeover = Assert.Single(await recovered.Queue.ClaimDueAttemptsAsync(StoreTime.T0, 10, AttemptLease, Ct));
        Assert.Equal((lost.Execution.Id, lost.Epoch + 1, StoreTime.T0), (takeover.Execution.Id, takeover.Epoch, takeover.Execution.ScheduleTime));
        Assert.Equal(1, takeover.AttemptNumber);
        Assert.Equal(StoreTime.T0 + AttemptLease, takeover.LeaseUntil);
        Assert.Equal(StoreTime.T0, takeover.Execution.FirstAttemptTime);
        var stale = new AttemptResult(lost.Execution.Id, job.Name, lost.AttemptNumber, lost.Epoch, StoreTime.T0, TimeSpan.FromSeconds(1),
            200, null, true, null, new JobStatus(0, ""), StoreTime.T0);
        Assert.False(await recovered.Queue.RecordAttemptAsync(stale, Ct));
    }

    [Fact]
    public async Task Open_ArmedExecutionWhoseTimeHasPassed_ClaimableAtOnce()
    {
        var job = TestJobs.Minimal("armed-late", StoreTime.T0);
        ClaimedAttempt lost;
        await using (var handle = await OpenAtAsync(StoreTime.T0.AddSeconds(-1)))
        {
            var crashed = handle;
            await crashed.Jobs.CreateJobAsync(job, Ct);
            lost = Assert.Single((await crashed.Queue.PlanDueJobsAsync(StoreTime.T0.AddSeconds(-1), StoreTime.T0.AddSeconds(1), 10, AttemptLease, ArmScheduleTime, Ct)).Fired);
        }

        var restart = StoreTime.T0.AddSeconds(5);
        await using var reopened = await OpenAtAsync(restart);
        var recovered = reopened;

        Assert.Equal(restart, (await recovered.Queue.GetNextDueAsync(Ct)).Other);
        var takeover = Assert.Single(await recovered.Queue.ClaimDueAttemptsAsync(restart, 10, AttemptLease, Ct));
        Assert.Equal((lost.Execution.Id, lost.Epoch + 1), (takeover.Execution.Id, takeover.Epoch));
    }

    /// <summary>Fires the job's schedule time (armed, when it is after now) and moves it on by five minutes.</summary>
    private static OccurrencePlan ArmScheduleTime(DueJob due) =>
        new([new PlannedFire(due.Job.ScheduleTime!.Value, ExecutionTrigger.Scheduled)], [], [], null, due.Job.ScheduleTime!.Value.AddMinutes(5));

    private Task<ContractStores> OpenAtAsync(DateTimeOffset now) => OpenStoresAsync(DataDirectory, new FakeTimeProvider(now));
}
