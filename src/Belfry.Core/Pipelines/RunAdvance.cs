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
    /// A step that failed (after its last retry) goes to the pipeline's <c>notifyOnFailure</c> channels as the run's
    /// failure (docs/notifications.md, "Pipelines"): the pipeline, run and step, the steps after it that will not run, the
    /// run's schedule time, the step execution's attempts and last answer; null when the pipeline has no failure route.
    /// The steps not run are those of <paramref name="steps"/> (in dependency order) that depend on the failed one at any depth.
    /// </summary>
    public static OutboxEvent? StepFailed(
        AttemptResult result, PipelineStepRef step, IReadOnlyList<StepNode> steps, NotificationRoutes pipelineRoutes, string timeZone,
        DateTimeOffset scheduleTime, ExecutionTrigger trigger, int attempts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(pipelineRoutes);
        if (result.Succeeded || pipelineRoutes.OnFailure.Count == 0)
        {
            return null;
        }

        var stopped = new HashSet<string>(StringComparer.Ordinal) { step.StepId };
        var notRun = new List<string>();
        foreach (var node in steps)
        {
            if (node.DependsOn.Any(stopped.Contains) && stopped.Add(node.Id))
            {
                notRun.Add(node.Id);
            }
        }

        return new OutboxEvent(pipelineRoutes.OnFailure, AttemptConsequences.Event(NotificationEventKind.PipelineRunFailed, result, timeZone, scheduleTime, trigger, attempts) with
        {
            Pipeline = step.Pipeline,
            RunId = step.RunId,
            Step = step.StepId,
            NotRunSteps = notRun,
        });
    }

    /// <summary>
    /// A run that succeeded after one of its steps had failed (so after a resume) tells the channels that heard of the
    /// failure, the pipeline's <c>notifyOnFailure</c>; null otherwise.
    /// </summary>
    public static OutboxEvent? RunEnded(
        PipelineName pipeline, string runId, PipelineRunState state, bool hadFailure, NotificationRoutes pipelineRoutes, string timeZone,
        DateTimeOffset scheduleTime, ExecutionTrigger trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipelineRoutes);
        if (state != PipelineRunState.Succeeded || !hadFailure || pipelineRoutes.OnFailure.Count == 0)
        {
            return null;
        }

        return new OutboxEvent(pipelineRoutes.OnFailure, new NotificationEvent
        {
            Kind = NotificationEventKind.PipelineRunRecovered,
            Time = now,
            TimeZone = timeZone,
            ScheduleTime = scheduleTime,
            Trigger = trigger,
            Pipeline = pipeline,
            RunId = runId,
        });
    }
}
