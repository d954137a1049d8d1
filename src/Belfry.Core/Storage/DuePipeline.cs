using Belfry.Core.Pipelines;
using Belfry.Core.Planning;

namespace Belfry.Core.Storage;

/// <summary>A pipeline whose schedule time has come, with its Running runs and the time waiting for them (Coalesce).</summary>
internal sealed record DuePipeline(Pipeline Pipeline, int OutstandingRuns, DateTimeOffset? DeferredTime)
{
    /// <summary>What <see cref="OccurrencePlanner"/> plans from: the Running runs are the outstanding executions.</summary>
    public ScheduleState ScheduleState => ScheduleState.Of(Pipeline.ScheduleTime, Pipeline.Belfry, OutstandingRuns, DeferredTime);
}
