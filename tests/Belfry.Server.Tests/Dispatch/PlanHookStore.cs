using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The dispatcher's queue (<see cref="IDispatchQueue"/>, the whole of it, pipelines included) with one seam:
/// <see cref="AfterPlan"/> runs once, after a plan transaction has committed and before the dispatcher sees what it
/// armed, so a test can put an API call exactly there.
/// </summary>
internal sealed class PlanHookStore(IDispatchQueue inner) : IDispatchQueue
{
    /// <summary>Runs after the next <see cref="PlanDueJobsAsync"/> commits, then is cleared.</summary>
    public Func<Task>? AfterPlan { get; set; }

    public async Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        var planned = await inner.PlanDueJobsAsync(now, horizon, maxJobs, lease, plan, cancellationToken);
        if (AfterPlan is { } hook)
        {
            AfterPlan = null;
            await hook();
        }

        return planned;
    }

    public Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken) =>
        inner.PlanDuePipelinesAsync(now, max, plan, cancellationToken);

    public Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.ClaimDueAttemptsAsync(now, max, lease, cancellationToken);

    public Task<LeaseRenewal> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(leases, until, cancellationToken);

    public Task<IReadOnlySet<string>> GiveBackClaimsAsync(IReadOnlyCollection<HeldLease> claims, CancellationToken cancellationToken) =>
        inner.GiveBackClaimsAsync(claims, cancellationToken);

    public Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken) => inner.RecordAttemptAsync(result, cancellationToken);

    public Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken) =>
        inner.RecordAttemptsAsync(results, cancellationToken);

    public Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) => inner.GetNextDueAsync(cancellationToken);
}
