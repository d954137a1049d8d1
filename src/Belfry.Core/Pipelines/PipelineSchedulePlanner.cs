using Belfry.Core.Planning;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;

namespace Belfry.Core.Pipelines;

/// <summary>
/// When a pipeline starts runs: exactly a job's rules (<see cref="OccurrencePlanner"/>: misfire threshold, catch-up,
/// overlap), with the pipeline's Running runs as the outstanding executions.
/// </summary>
internal static class PipelineSchedulePlanner
{
    public static OccurrencePlan Plan(DuePipeline due, Schedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(due);
        return OccurrencePlanner.Plan(due.ScheduleState, schedule, now);
    }
}
