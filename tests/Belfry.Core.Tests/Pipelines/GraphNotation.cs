using Belfry.Core.Pipelines;

namespace Belfry.Core.Tests.Pipelines;

/// <summary>
/// Compact graphs for table tests: <c>"a; b&lt;a; d&lt;b+c"</c> is a, b depending on a, d depending on b and c.
/// States: <c>"a=S b=R"</c> (P pending, R running, S succeeded, F failed, N not run, C cancelled).
/// </summary>
internal static class GraphNotation
{
    public static IReadOnlyList<StepNode> Steps(string graph) =>
        graph.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('<', 2))
            .Select(p => new StepNode(p[0].Trim(), p.Length == 1 ? [] : p[1].Split('+', StringSplitOptions.TrimEntries)))
            .ToList();

    public static Dictionary<string, PipelineStepState> States(string states) =>
        states.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('='))
            .ToDictionary(p => p[0], p => p[1] switch
            {
                "P" => PipelineStepState.Pending,
                "R" => PipelineStepState.Running,
                "S" => PipelineStepState.Succeeded,
                "F" => PipelineStepState.Failed,
                "N" => PipelineStepState.NotRun,
                "C" => PipelineStepState.Cancelled,
                var other => throw new ArgumentException(other),
            }, StringComparer.Ordinal);

    public static string Join(IEnumerable<string> ids) => string.Join(",", ids);
}
