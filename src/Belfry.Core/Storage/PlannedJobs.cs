namespace Belfry.Core.Storage;

/// <summary>
/// What one <see cref="IDispatchQueue.PlanDueJobsAsync"/> batch did: how many jobs it planned, and the executions it
/// created to fire, already claimed by the caller (Running, epoch 1, attempt 1), each to be sent at its schedule time.
/// </summary>
internal sealed record PlannedJobs(int Jobs, IReadOnlyList<ClaimedAttempt> Fired);
