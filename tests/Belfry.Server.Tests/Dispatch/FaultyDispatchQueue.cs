using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The real dispatch queue with one fault: a group commit that holds <see cref="FailingExecution"/>'s result throws
/// before anything is written, as one bad row does. Every batch it is asked to record is kept, and the first one can be
/// held at <see cref="Gate"/> so a test decides what the next batch holds.
/// </summary>
internal sealed class FaultyDispatchQueue(IDispatchQueue inner) : IDispatchQueue
{
    private readonly List<string[]> _batches = [];

    /// <summary>The execution whose result cannot be recorded.</summary>
    public string? FailingExecution { get; set; }

    /// <summary>When set, the next batch waits for it (once) before being recorded.</summary>
    public Task? Gate { get; set; }

    /// <summary>Completes when a batch has reached <see cref="Gate"/>.</summary>
    public Task AtGate => _atGate.Task;

    private readonly TaskCompletionSource _atGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The execution ids of every batch asked of <see cref="RecordAttemptsAsync"/>, in order.</summary>
    public IReadOnlyList<string[]> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public async Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken)
    {
        lock (_batches)
        {
            _batches.Add([.. results.Select(r => r.ExecutionId)]);
        }

        if (Gate is { } gate)
        {
            Gate = null;
            _atGate.SetResult();
            await gate;
        }

        if (results.Any(r => r.ExecutionId == FailingExecution))
        {
            throw new InvalidOperationException("A row that cannot be written (injected by the test).");
        }

        return await inner.RecordAttemptsAsync(results, cancellationToken);
    }

    public Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The recorder records through RecordAttemptsAsync.");

    public Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken) =>
        inner.PlanDueJobsAsync(now, horizon, maxJobs, lease, plan, cancellationToken);

    public Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken) =>
        inner.PlanDuePipelinesAsync(now, max, plan, cancellationToken);

    public Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.ClaimDueAttemptsAsync(now, max, lease, cancellationToken);

    public Task<LeaseRenewal> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(leases, until, cancellationToken);

    public Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) => inner.GetNextDueAsync(cancellationToken);
}
