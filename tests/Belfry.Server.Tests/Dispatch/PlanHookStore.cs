using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The dispatcher's queue (<see cref="IDispatchQueue"/>, the whole of it, pipelines included) with one seam:
/// <see cref="AfterPlan"/> runs once, after a plan transaction has committed and before the dispatcher sees what it
/// armed, so a test can put an API call exactly there.
/// </summary>
internal sealed class PlanHookStore(IDispatchQueue inner) : DelegatingDispatchQueue(inner)
{
    /// <summary>Runs after the next <see cref="PlanDueJobsAsync"/> commits, then is cleared.</summary>
    public Func<Task>? AfterPlan { get; set; }

    public override async Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        var planned = await base.PlanDueJobsAsync(now, horizon, maxJobs, lease, plan, cancellationToken);
        if (AfterPlan is { } hook)
        {
            AfterPlan = null;
            await hook();
        }

        return planned;
    }
}
