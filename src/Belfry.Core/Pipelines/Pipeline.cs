using Belfry.Core.Jobs;

namespace Belfry.Core.Pipelines;

/// <summary>
/// A scheduled chain of HTTP steps with <c>dependsOn</c> edges (docs/pipelines.md). Its schedule, zone, overlap and
/// catch-up rules are a job's; <see cref="DefinitionVersion"/> fences a user's read-modify-write as for jobs.
/// </summary>
internal sealed record Pipeline
{
    public required PipelineName Name { get; init; }

    public string Description { get; init; } = "";

    public required string Schedule { get; init; }

    public string TimeZone { get; init; } = "Etc/UTC";

    public required IReadOnlyList<PipelineStep> Steps { get; init; }

    /// <summary>Overlap, catch-up and <c>notifyOnFailure</c>/<c>notifyOnSuccess</c> routes; the missed-run deadline is unused.</summary>
    public BelfrySettings Belfry { get; init; } = BelfrySettings.Default;

    /// <summary>Enabled or Paused.</summary>
    public JobState State { get; init; } = JobState.Enabled;

    /// <summary>The next planned run; null while paused.</summary>
    public DateTimeOffset? ScheduleTime { get; init; }

    public DateTimeOffset UserUpdateTime { get; init; }

    public long Version { get; init; }

    /// <summary>As <see cref="Job.DefinitionVersion"/>: raised by user writes and an UPDATE_FAILED plan, never by a plan that advances it.</summary>
    public long DefinitionVersion { get; init; }

    /// <summary>The internal job that carries <paramref name="step"/>'s target: never scheduled on its own (Disabled).</summary>
    public Job StepJob(PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new Job
        {
            Name = Name.StepJob(step.Id),
            Description = $"Step {step.Id} of pipeline {Name.PipelineId}",
            Schedule = Schedule,
            TimeZone = TimeZone,
            HttpTarget = step.HttpTarget,
            RetryConfig = step.RetryConfig,
            AttemptDeadline = step.AttemptDeadline,
            State = JobState.Disabled,
            UserUpdateTime = UserUpdateTime,
        };
    }
}
