namespace Belfry.Core.Pipelines;

/// <summary>A step as the graph sees it: its id and the ids it depends on.</summary>
internal sealed record StepNode(string Id, IReadOnlyList<string> DependsOn);
