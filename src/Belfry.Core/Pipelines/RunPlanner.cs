namespace Belfry.Core.Pipelines;

/// <summary>
/// Decides, without I/O, how a pipeline run moves on from its steps' states (docs/pipelines.md, "Runs"). The store
/// calls it in the transaction that records a step's final outcome, so a run advances exactly once per outcome.
/// </summary>
internal static class RunPlanner
{
    /// <summary>
    /// A Pending step whose dependencies all succeeded is dispatched; one with a dependency that failed, was not run or
    /// was cancelled is not run (transitively). Independent branches keep going after a failure; the run ends when no
    /// step is Pending or Running: Succeeded if every step succeeded, Cancelled if any was cancelled, else Failed.
    /// </summary>
    /// <param name="steps">The run's steps in dependency order (<see cref="PipelineGraph.Order"/>).</param>
    /// <param name="states">Each step's state; a missing step counts as Pending.</param>
    public static RunDecision Advance(IReadOnlyList<StepNode> steps, IReadOnlyDictionary<string, PipelineStepState> states)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(states);
        var now = new Dictionary<string, PipelineStepState>(StringComparer.Ordinal);
        var dispatch = new List<string>();
        var notRun = new List<string>();
        foreach (var step in steps)
        {
            var state = states.GetValueOrDefault(step.Id, PipelineStepState.Pending);
            if (state == PipelineStepState.Pending)
            {
                var dependencies = step.DependsOn.Select(d => now.GetValueOrDefault(d, PipelineStepState.Pending)).ToList();
                if (dependencies.Any(d => d is PipelineStepState.Failed or PipelineStepState.NotRun or PipelineStepState.Cancelled))
                {
                    state = PipelineStepState.NotRun;
                    notRun.Add(step.Id);
                }
                else if (dependencies.All(d => d == PipelineStepState.Succeeded))
                {
                    state = PipelineStepState.Running;
                    dispatch.Add(step.Id);
                }
            }

            now[step.Id] = state;
        }

        PipelineRunState? outcome = null;
        if (!now.Values.Any(s => s is PipelineStepState.Pending or PipelineStepState.Running))
        {
            outcome = now.Values.All(s => s == PipelineStepState.Succeeded) ? PipelineRunState.Succeeded
                : now.Values.Any(s => s == PipelineStepState.Cancelled) ? PipelineRunState.Cancelled
                : PipelineRunState.Failed;
        }

        return new RunDecision(dispatch, notRun, outcome);
    }

    /// <summary>
    /// The steps <c>:resume</c> sets back to Pending: every step that failed, was not run or was cancelled. Steps that
    /// succeeded stay succeeded and are never sent again in this run.
    /// </summary>
    public static IReadOnlyList<string> StepsToResume(IReadOnlyList<StepNode> steps, IReadOnlyDictionary<string, PipelineStepState> states)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(states);
        return steps
            .Where(s => states.GetValueOrDefault(s.Id, PipelineStepState.Pending) is PipelineStepState.Failed or PipelineStepState.NotRun or PipelineStepState.Cancelled)
            .Select(s => s.Id)
            .ToList();
    }
}
