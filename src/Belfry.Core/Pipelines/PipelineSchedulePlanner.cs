using Belfry.Core.Jobs;
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
        var pipeline = due.Pipeline;

        // The planner reads only the schedule time and the Belfry settings of the job it is given.
        var asJob = new Job
        {
            Name = pipeline.Name.StepJob("schedule"),
            Schedule = pipeline.Schedule,
            TimeZone = pipeline.TimeZone,
            HttpTarget = new HttpTarget("", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
            Belfry = pipeline.Belfry,
            ScheduleTime = pipeline.ScheduleTime,
        };
        return OccurrencePlanner.Plan(new DueJob(asJob, due.OutstandingRuns, due.DeferredTime), schedule, now);
    }
}
