using Belfry.Core.Planning;

namespace Belfry.Core.Storage;

/// <summary>
/// The dispatcher's side of the store: plan due jobs and pipelines, claim due attempts, record their results, and
/// say when something is next due. Every method is one transaction; "now" is always a parameter. Recording a final
/// result applies, in that same transaction, what it changes elsewhere: outbox events and a pipeline run's advance.
/// </summary>
internal interface IDispatchQueue
{
    /// <summary>
    /// For up to <paramref name="maxJobs"/> Enabled jobs whose schedule time is at or before <paramref name="now"/>,
    /// or at or before <paramref name="horizon"/> with nothing outstanding or deferred (armed ahead): asks
    /// <paramref name="plan"/> what to do, then creates the executions, records skipped and missed times, sets the
    /// deferred time and advances the schedule time, all in one transaction per batch, so each (job, scheduled time)
    /// is planned once. The executions to fire are created claimed by the caller: Running, attempt 1, epoch 1, with a
    /// lease until their schedule time (or now, if later) + <paramref name="lease"/>, which the caller renews
    /// (<see cref="RenewLeasesAsync"/>) while it holds them; it sends each at its schedule time, not before.
    /// </summary>
    Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken);

    /// <summary>
    /// For up to <paramref name="max"/> Enabled pipelines whose schedule time has come: asks <paramref name="plan"/>
    /// (the jobs' occurrence planner; outstanding = Running runs) and starts the runs, keeps the deferred time and
    /// advances the schedule time, in one transaction. Skipped and missed times are not recorded. Returns how many
    /// pipelines were planned.
    /// </summary>
    Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> executions that are Pending and due, or Running with an expired lease
    /// (their epoch rises): each becomes Running with a lease until now + <paramref name="lease"/>, which the caller
    /// renews (<see cref="RenewLeasesAsync"/>) while the attempt is in flight.
    /// </summary>
    Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Extends to <paramref name="until"/> the leases of the executions in <paramref name="leases"/> that are still
    /// Running at the epoch given (never shortening one: a time armed ahead keeps its lease from its schedule time),
    /// in one transaction that waits for no row: one locked by another write (its result being recorded, a claim) is
    /// left as it is, neither renewed nor lost. A lease that ran out but was not yet taken over is renewed: nobody
    /// else sent it.
    /// </summary>
    Task<LeaseRenewal> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back claims that were never sent (a lease that ran out while its claim waited for a send slot, a shutdown
    /// before the send), so they use up no retry (docs/semantics.md, "Attempt numbers"): each execution in
    /// <paramref name="claims"/> still Running at the epoch given becomes Pending again, due at the time it was
    /// claimed for, with the attempt count (and, for a first attempt, the first attempt time) it had before the claim
    /// and its epoch raised by one, so nothing under the given-back claim can be recorded. One taken over, finished,
    /// withdrawn or gone is left as it is. Returns the executions given back.
    /// </summary>
    Task<IReadOnlySet<string>> GiveBackClaimsAsync(IReadOnlyCollection<HeldLease> claims, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and moves its execution on (Pending with the next attempt time, or final), sets the
    /// job's status and last attempt time, and, when the execution became final, starts the job's deferred time
    /// if nothing else is outstanding. A final outcome also enqueues, in the same transaction, the failure, recovery
    /// and success notifications the job's routes ask for (<see cref="Notifications.ExecutionNotifications"/>) and
    /// remembers the outcome. False (and nothing written) when the execution's epoch is no longer
    /// <see cref="AttemptResult.Epoch"/> or it is gone.
    /// </summary>
    Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RecordAttemptAsync"/> for many results in one transaction (a group commit): the dispatcher
    /// records what finished together at once. Each result is fenced on its own; the answer says which were recorded.
    /// </summary>
    Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken);

    /// <summary>The earliest instants at which something becomes due: a job's schedule time; a pipeline's, a retry, a lease expiry.</summary>
    Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken);
}
