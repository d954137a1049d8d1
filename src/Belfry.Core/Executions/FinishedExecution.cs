using Belfry.Core.Notifications;

namespace Belfry.Core.Executions;

/// <summary>
/// What a final execution's consequences depend on, as the store read it while recording the attempt: the job's
/// routes and zone, the execution's schedule time, trigger and attempts, the outcome the job's last final execution
/// had (for recovery notices), and whether the job has a deferred time or is a pipeline step. A struct: every final
/// execution makes one.
/// </summary>
internal readonly record struct FinishedExecution(
    NotificationRoutes Routes,
    string TimeZone,
    DateTimeOffset ScheduleTime,
    ExecutionTrigger Trigger,
    int Attempts,
    ExecutionOutcome? PreviousOutcome,
    bool HasDeferredTime,
    bool IsPipelineStep);
