using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Core.Executions;

/// <summary>
/// Decides, without I/O, what an attempt's result changes (docs/semantics.md, "Retries"; docs/notifications.md, "Routes on
/// jobs"). The store calls <see cref="Update"/> for every result and, when the execution is final,
/// <see cref="Final"/> with what it read, and writes what they return in the transaction that records the attempt.
/// Recording is the hottest path: the common case (a plain job without routes) allocates nothing here.
/// </summary>
internal static class AttemptConsequences
{
    /// <summary>
    /// A result with a retry time leaves the execution Pending, due then; otherwise it is final: Succeeded, or Failed
    /// after its last retry, finished now. Either way the job's status is the attempt's and its last attempt time
    /// the attempt's start.
    /// </summary>
    public static AttemptUpdate Update(AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var final = result.Succeeded || result.NextAttemptTime is null;
        var state = result.Succeeded ? ExecutionState.Succeeded : final ? ExecutionState.Failed : ExecutionState.Pending;
        return new AttemptUpdate(state, final ? null : result.NextAttemptTime, final ? result.Now : null, result.JobStatus, result.StartTime);
    }

    /// <summary>
    /// What a final execution changes: the job's deferred time is looked at when it has one; the events its routes
    /// ask for (<see cref="ExecutionNotifications.Decide"/>); the outcome remembered when it differs from the last;
    /// and, for a pipeline step's execution, the step's state.
    /// </summary>
    public static FinalChanges Final(AttemptResult result, in FinishedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Succeeded ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed;
        var notices = ExecutionNotifications.Decide(execution.Routes, execution.PreviousOutcome, outcome);
        IReadOnlyList<OutboxEvent> events = [];
        if (notices.Count > 0)
        {
            var list = new OutboxEvent[notices.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = new OutboxEvent(
                    notices[i].Channels, Event(notices[i].Kind, result, execution.TimeZone, execution.ScheduleTime, execution.Trigger, execution.Attempts));
            }

            events = list;
        }

        PipelineStepState? step = execution.IsPipelineStep ? (result.Succeeded ? PipelineStepState.Succeeded : PipelineStepState.Failed) : null;
        return new FinalChanges(execution.HasDeferredTime, events, execution.PreviousOutcome == outcome ? null : outcome, step);
    }

    /// <summary>
    /// The event of an execution's end, as the outbox keeps it: the job, its zone, the execution and the last answer;
    /// a failure carries an excerpt of the error (else the status message) and what the attempt kept of the answer's body.
    /// </summary>
    public static NotificationEvent Event(
        NotificationEventKind kind, AttemptResult result, string timeZone, DateTimeOffset scheduleTime, ExecutionTrigger trigger, int attempts)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new NotificationEvent
        {
            Kind = kind,
            Time = result.Now,
            Job = result.Job,
            TimeZone = timeZone,
            ExecutionId = result.ExecutionId,
            ScheduleTime = scheduleTime,
            Trigger = trigger,
            Attempts = attempts,
            StatusCode = result.StatusCode,
            Error = result.Succeeded ? null : ExecutionNotifications.Excerpt(result.Error ?? result.JobStatus.Message),
            ResponseExcerpt = result.Succeeded ? null : result.Response?.Text,
        };
    }
}
