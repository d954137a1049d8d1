using Belfry.Core.Jobs;

namespace Belfry.Core.Pipelines;

/// <summary>
/// Checks a pipeline's steps form a valid graph and orders them: at least one step, ids well-formed and unique,
/// every <c>dependsOn</c> naming a step of the pipeline, no cycle. Errors name the problem (INVALID_ARGUMENT).
/// </summary>
internal static class PipelineGraph
{
    /// <summary>At most this many steps in one pipeline.</summary>
    public const int MaxSteps = 100;

    /// <summary>
    /// Returns the steps in a dependency order (each after everything it depends on; ties keep the given order),
    /// or throws <see cref="PipelineDefinitionException"/>.
    /// </summary>
    public static IReadOnlyList<StepNode> Order(IReadOnlyList<StepNode> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new PipelineDefinitionException("steps: a pipeline needs at least one step.");
        }

        if (steps.Count > MaxSteps)
        {
            throw new PipelineDefinitionException($"steps: at most {MaxSteps} steps, got {steps.Count}.");
        }

        var byId = new Dictionary<string, StepNode>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (string.IsNullOrEmpty(step.Id) || !ResourceId.IsValidId(step.Id))
            {
                throw new PipelineDefinitionException(
                    $"steps: step id \"{step.Id}\" is not valid: use 1 to 100 letters, digits, hyphens or underscores.");
            }

            if (!byId.TryAdd(step.Id, step))
            {
                throw new PipelineDefinitionException($"steps: duplicate step id \"{step.Id}\".");
            }
        }

        foreach (var step in steps)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dependency in step.DependsOn)
            {
                if (!byId.ContainsKey(dependency))
                {
                    throw new PipelineDefinitionException($"steps[{step.Id}].dependsOn: unknown step \"{dependency}\".");
                }

                if (!seen.Add(dependency))
                {
                    throw new PipelineDefinitionException($"steps[{step.Id}].dependsOn: \"{dependency}\" is listed twice.");
                }
            }
        }

        return TopologicalOrder(steps, byId);
    }

    private static List<StepNode> TopologicalOrder(IReadOnlyList<StepNode> steps, Dictionary<string, StepNode> byId)
    {
        // Depth-first, visiting dependencies first; a step met again while on the path closes a cycle.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var order = new List<StepNode>(steps.Count);

        void Visit(StepNode step)
        {
            if (done.Contains(step.Id))
            {
                return;
            }

            var at = path.IndexOf(step.Id);
            if (at >= 0)
            {
                var cycle = string.Join(" → ", path.Skip(at).Append(step.Id));
                throw new PipelineDefinitionException($"steps: dependsOn forms a cycle: {cycle}.");
            }

            path.Add(step.Id);
            foreach (var dependency in step.DependsOn)
            {
                Visit(byId[dependency]);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(step.Id);
            order.Add(step);
        }

        foreach (var step in steps)
        {
            Visit(step);
        }

        return order;
    }
}
