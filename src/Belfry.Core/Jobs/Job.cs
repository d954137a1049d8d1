using Belfry.Core.Retries;

namespace Belfry.Core.Jobs;

/// <summary>
/// A scheduled HTTP job as Cloud Scheduler v1 defines it. <see cref="ScheduleTime"/> is the next planned
/// occurrence (null while paused). <see cref="DefinitionVersion"/> fences a user's read-modify-write against other
/// users' writes; <see cref="Version"/> moves with every write, the dispatcher's too.
/// </summary>
internal sealed record Job
{
    public static TimeSpan DefaultAttemptDeadline { get; } = TimeSpan.FromSeconds(180);

    public required JobName Name { get; init; }

    public string Description { get; init; } = "";

    public required string Schedule { get; init; }

    public string TimeZone { get; init; } = "Etc/UTC";

    public required HttpTarget HttpTarget { get; init; }

    public RetryConfig RetryConfig { get; init; } = RetryConfig.Default;

    public TimeSpan AttemptDeadline { get; init; } = DefaultAttemptDeadline;

    public BelfrySettings Belfry { get; init; } = BelfrySettings.Default;

    public JobState State { get; init; } = JobState.Enabled;

    public JobStatus? Status { get; init; }

    public DateTimeOffset? ScheduleTime { get; init; }

    public DateTimeOffset? LastAttemptTime { get; init; }

    public DateTimeOffset UserUpdateTime { get; init; }

    /// <summary>
    /// When the missed-run clock (re)started: creation, resume, or a change of schedule, zone or deadline. Scheduled
    /// times before it are not watched, so a pause owes nothing (docs/notifications.md, "Missed runs").
    /// </summary>
    public DateTimeOffset? MissedRunSince { get; init; }

    /// <summary>The row's version: raised by every write, the dispatcher's plans and records included (it dates armed claims).</summary>
    public long Version { get; init; }

    /// <summary>
    /// The row's definition version: raised by every user write of the definition or state, and by the planner only
    /// when it leaves the job UPDATE_FAILED; a user's update is fenced on it, so the dispatcher's plans never refuse one.
    /// </summary>
    public long DefinitionVersion { get; init; }
}
