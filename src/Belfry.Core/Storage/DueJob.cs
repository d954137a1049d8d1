using Belfry.Core.Jobs;
using Belfry.Core.Planning;

namespace Belfry.Core.Storage;

/// <summary>A job whose <see cref="Job.ScheduleTime"/> has come, with what the planner needs to know about it.</summary>
internal sealed record DueJob(Job Job, int OutstandingExecutions, DateTimeOffset? DeferredTime)
{
    /// <summary>What <see cref="OccurrencePlanner"/> plans from.</summary>
    public ScheduleState ScheduleState => ScheduleState.Of(Job.ScheduleTime, Job.Belfry, OutstandingExecutions, DeferredTime);
}
