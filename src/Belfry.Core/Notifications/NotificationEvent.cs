using Belfry.Core.Alerts;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Notifications;

/// <summary>
/// The facts of one event, as the outbox keeps them (self-contained: the job may be gone when it is sent). Which
/// fields are set depends on <see cref="Kind"/>: executions carry the job, execution, schedule time, attempts and
/// the last answer; missed runs the missed times and deadline; alert policies the policy, count and window; pipeline
/// runs the pipeline, run and failed step (with the step's execution) and the steps that will not run.
/// </summary>
internal sealed record NotificationEvent
{
    public required NotificationEventKind Kind { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Time { get; init; }

    public JobName? Job { get; init; }

    /// <summary>The job's IANA zone, to show schedule times as its users read them.</summary>
    public string? TimeZone { get; init; }

    public string? ExecutionId { get; init; }

    public DateTimeOffset? ScheduleTime { get; init; }

    public ExecutionTrigger? Trigger { get; init; }

    public int Attempts { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>A short excerpt of the last error (at most <see cref="ExecutionNotifications.MaxErrorLength"/> characters).</summary>
    public string? Error { get; init; }

    /// <summary>
    /// A failure's last answer, as the attempt kept it: the start of a text body, at most 4 kB, credentials redacted
    /// (issue 15, point 1); null otherwise.
    /// </summary>
    public string? ResponseExcerpt { get; init; }

    public TimeSpan? Deadline { get; init; }

    public DateTimeOffset? FirstMissed { get; init; }

    public DateTimeOffset? LastMissed { get; init; }

    public int MissedCount { get; init; }

    public AlertPolicyName? Policy { get; init; }

    public int Failures { get; init; }

    public int Threshold { get; init; }

    public TimeSpan? Window { get; init; }

    /// <summary>A firing alert re-sent after its rate limit, with <see cref="NewFailures"/> since the last message.</summary>
    public bool Repeat { get; init; }

    public int NewFailures { get; init; }

    public IReadOnlyList<JobFailureCount> FailingJobs { get; init; } = [];

    public PipelineName? Pipeline { get; init; }

    public string? RunId { get; init; }

    /// <summary>The step that failed (a run's failure).</summary>
    public string? Step { get; init; }

    /// <summary>The steps after <see cref="Step"/> that will not run in this run, in dependency order.</summary>
    public IReadOnlyList<string> NotRunSteps { get; init; } = [];
}
