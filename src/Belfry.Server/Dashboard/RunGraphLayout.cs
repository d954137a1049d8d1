using Belfry.Core.Pipelines;

namespace Belfry.Server.Dashboard;

/// <summary>
/// Lays a run's steps out for its page: one column per depth (a step with no dependency is at depth 0, any other one
/// past its deepest dependency), in dependency order down each column, joined by lines from each dependency. Pure
/// arithmetic, so the page draws it as inline SVG with no script.
/// </summary>
internal sealed class RunGraphLayout
{
    public const int BoxWidth = 168;
    public const int BoxHeight = 56;
    public const int ColumnGap = 48;
    public const int RowGap = 16;
    public const int Margin = 4;

    private RunGraphLayout(IReadOnlyList<GraphBox> boxes, IReadOnlyList<GraphEdge> edges, int width, int height)
    {
        Boxes = boxes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<GraphBox> Boxes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public int Width { get; }

    public int Height { get; }

    public static RunGraphLayout Of(IReadOnlyList<PipelineRunStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            return new RunGraphLayout([], [], 0, 0);
        }

        var states = steps.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
        var order = PipelineGraph.Order([.. steps.Select(s => new StepNode(s.StepId, s.DependsOn))]);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<int>();
        var boxes = new Dictionary<string, GraphBox>(StringComparer.Ordinal);
        foreach (var step in order)
        {
            var column = step.DependsOn.Count == 0 ? 0 : step.DependsOn.Max(d => depth[d]) + 1;
            depth[step.Id] = column;
            if (rows.Count <= column)
            {
                rows.Add(0);
            }

            var row = rows[column]++;
            boxes[step.Id] = new GraphBox(
                step.Id, states[step.Id], column, Margin + (column * (BoxWidth + ColumnGap)), Margin + (row * (BoxHeight + RowGap)));
        }

        var edges = order.SelectMany(step => step.DependsOn.Select(d =>
        {
            var (from, to) = (boxes[d], boxes[step.Id]);
            return new GraphEdge(d, step.Id, from.X + BoxWidth, from.Y + (BoxHeight / 2), to.X, to.Y + (BoxHeight / 2));
        })).ToList();
        var width = (2 * Margin) + (rows.Count * BoxWidth) + ((rows.Count - 1) * ColumnGap);
        var height = (2 * Margin) + (rows.Max() * BoxHeight) + ((rows.Max() - 1) * RowGap);
        return new RunGraphLayout([.. order.Select(s => boxes[s.Id])], edges, width, height);
    }
}
