using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;

namespace Belfry.Core.Pipelines;

/// <summary>
/// Decides, without I/O, what a pipeline run's change writes (docs/pipelines.md, "Runs"): the store calls it when a
/// step's execution ended, when a run starts and when it resumes, always in that transaction, and applies the
/// <see cref="RunChanges"/> it returns.
/// </summary>
internal static class RunAdvance
{
    /// <summary>
    /// The run's next steps and final state by <see cref="RunPlanner.Advance"/>, as changes: each step to dispatch gets
    /// a Pending execution with the run's <paramref name="scheduleTime"/> and <paramref name="trigger"/>, due now; an
    /// ended run finishes now.
    /// </summary>
    /// <param name="steps">The run's steps in dependency order.</param>
    /// <param name="states">Each step's state as stored, after the change that asks for the advance.</param>
    /// <param name="scheduleTime">The run's schedule time, which its steps' executions share (their ledger keys line up).</param>
    /// <param name="trigger">The run's trigger.</param>
    /// <param name="now">The transaction's time: new executions are due then, an ended run finishes then.</param>
    public static RunChanges Decide(
        IReadOnlyList<StepNode> steps, IReadOnlyDictionary<string, PipelineStepState> states, DateTimeOffset scheduleTime, ExecutionTrigger trigger,
        DateTimeOffset now)
    {
        var decision = RunPlanner.Advance(steps, states);
        return new RunChanges(
            decision.Dispatch, new NewExecution(scheduleTime, trigger, now), decision.NotRun, decision.Outcome, decision.Outcome is null ? null : now);
    }

    /// <summary>
    /// A step that failed (after its last retry) goes to the pipeline's <c>notifyOnFailure</c> channels as an execution
    /// failure of the step's job, with the run's schedule time, the execution's attempts and the last answer; null when
    /// the step succeeded or the pipeline has no failure route.
    /// </summary>
    public static OutboxEvent? StepEnded(
        AttemptResult result, NotificationRoutes pipelineRoutes, string timeZone, DateTimeOffset scheduleTime, ExecutionTrigger trigger, int attempts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(pipelineRoutes);
        if (result.Succeeded || pipelineRoutes.OnFailure.Count == 0)
        {
            return null;
        }

        return new OutboxEvent(
            pipelineRoutes.OnFailure, AttemptConsequences.Event(NotificationEventKind.ExecutionFailed, result, timeZone, scheduleTime, trigger, attempts));
    }
}
