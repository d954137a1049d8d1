namespace Belfry.Server.Dashboard;

/// <summary>A line in a run's graph, from the middle of a dependency's right side to the middle of its step's left side.</summary>
internal sealed record GraphEdge(string From, string To, int X1, int Y1, int X2, int Y2);
