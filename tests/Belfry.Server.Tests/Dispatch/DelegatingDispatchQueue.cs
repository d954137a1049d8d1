using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The real dispatch queue, passed through method by method (as <c>DelegatingHandler</c> does for HTTP): a test's
/// decorator overrides only the method it puts a seam in (<see cref="PlanHookStore"/>, <see cref="FaultyDispatchQueue"/>).
/// </summary>
internal abstract class DelegatingDispatchQueue(IDispatchQueue inner) : IDispatchQueue
{
    public virtual Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken) =>
        inner.PlanDueJobsAsync(now, horizon, maxJobs, lease, plan, cancellationToken);

    public virtual Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken) =>
        inner.PlanDuePipelinesAsync(now, max, plan, cancellationToken);

    public virtual Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.ClaimDueAttemptsAsync(now, max, lease, cancellationToken);

    public virtual Task<LeaseRenewal> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(leases, until, cancellationToken);

    public virtual Task<IReadOnlySet<string>> GiveBackClaimsAsync(IReadOnlyCollection<HeldLease> claims, CancellationToken cancellationToken) =>
        inner.GiveBackClaimsAsync(claims, cancellationToken);

    public virtual Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken) => inner.RecordAttemptAsync(result, cancellationToken);

    public virtual Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken) =>
        inner.RecordAttemptsAsync(results, cancellationToken);

    public virtual Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) => inner.GetNextDueAsync(cancellationToken);
}
