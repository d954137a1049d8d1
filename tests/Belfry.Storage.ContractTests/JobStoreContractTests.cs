using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// The behaviour every store must have, one aggregate per contract of <c>Core/Storage</c> (DESIGN.md "Storage and
/// scaling out"; STYLE.md "Storage"). A store's test project derives from this class and opens a fresh, empty store
/// per test, handing each aggregate's interface over in a <see cref="ContractStores"/>.
/// </summary>
/// <remarks>
/// The factory is internal: Core's types are internal, and a public xunit class cannot expose them to a derived class in
/// another assembly. This assembly opens its internals to each store's test project (its .csproj).
/// </remarks>
public abstract partial class JobStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptLease = TimeSpan.FromSeconds(30);

    private ContractStores? _stores;

    protected FakeTimeProvider Time { get; } = new(StoreTime.T0);

    /// <summary>The finest instant resolution the store keeps; instants are truncated to it in expectations.</summary>
    protected virtual TimeSpan InstantPrecision => TimeSpan.FromTicks(1);

    /// <summary>The opened store: each aggregate's interface and the change feed.</summary>
    internal ContractStores Stores => _stores ?? throw new InvalidOperationException("The store is not open.");

    internal IJobStore Jobs => Stores.Jobs;

    internal IDispatchQueue Queue => Stores.Queue;

    internal IExecutionStore Executions => Stores.Executions;

    internal IPipelineStore Pipelines => Stores.Pipelines;

    internal IChannelStore Channels => Stores.Channels;

    internal IAlertPolicyStore AlertPolicies => Stores.AlertPolicies;

    internal IMissedRunStore MissedRuns => Stores.MissedRuns;

    internal INotificationOutbox Outbox => Stores.Outbox;

    internal ISigningKeyStore Keys => Stores.Keys;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens a fresh, empty store; it is disposed after the test.</summary>
    internal abstract Task<ContractStores> OpenStoresAsync(TimeProvider timeProvider);

    /// <summary>Runs after the store is disposed: delete files, drop databases.</summary>
    protected virtual ValueTask CleanupAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        _stores = await OpenStoresAsync(Time);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        await CleanupAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<Job> CreateJobAsync(Job job)
    {
        await Jobs.CreateJobAsync(job, Ct);
        return (await Jobs.GetJobAsync(job.Name, Ct))!;
    }

    private Task<IReadOnlyList<ClaimedAttempt>> ClaimAsync(DateTimeOffset now, int max = 100) =>
        Queue.ClaimDueAttemptsAsync(now, max, AttemptLease, Ct);

    private async Task<ClaimedAttempt> ClaimSingleAsync(DateTimeOffset now) => Assert.Single(await ClaimAsync(now));

    private async Task<Execution> GetExecutionAsync(JobName job, string id)
    {
        var page = await Executions.ListExecutionsAsync(job, 500, null, Ct);
        return Assert.Single(page.Executions, e => e.Id == id);
    }

    private async Task<IReadOnlyList<Execution>> ListAllExecutionsAsync(JobName job)
    {
        var page = await Executions.ListExecutionsAsync(job, 500, null, Ct);
        Assert.Null(page.NextPageToken);
        return page.Executions;
    }

    /// <summary>Plans every due job with a fixed decision and returns what the planner was shown.</summary>
    private async Task<List<DueJob>> PlanAsync(DateTimeOffset now, Func<DueJob, OccurrencePlan> decide)
    {
        var seen = new List<DueJob>();
        await Queue.PlanDueJobsAsync(now, now, 1000, AttemptLease, due =>
        {
            seen.Add(due);
            return decide(due);
        }, Ct);
        return seen;
    }

    /// <summary>Plans every due job with a fixed decision that fires one execution, and returns it, claimed.</summary>
    private async Task<ClaimedAttempt> PlanFiredAsync(DateTimeOffset now, Func<DueJob, OccurrencePlan> decide)
    {
        var planned = await Queue.PlanDueJobsAsync(now, now, 1000, AttemptLease, decide, Ct);
        return Assert.Single(planned.Fired);
    }

    private static OccurrencePlan FireOnce(DueJob due, TimeSpan interval) =>
        new([new PlannedFire(due.Job.ScheduleTime!.Value, ExecutionTrigger.Scheduled)], [], [], due.DeferredTime,
            due.Job.ScheduleTime!.Value + interval);

    private static AttemptResult Result(
        ClaimedAttempt claim, DateTimeOffset start, bool succeeded, DateTimeOffset? nextAttemptTime, int? statusCode = null, string? error = null) =>
        new(claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, start, TimeSpan.FromMilliseconds(250),
            statusCode ?? (succeeded ? 200 : 503), error, succeeded, nextAttemptTime,
            succeeded ? new JobStatus(0, "") : new JobStatus(14, "HTTP 503"), start + TimeSpan.FromMilliseconds(250));
}
