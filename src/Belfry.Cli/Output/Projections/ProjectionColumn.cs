namespace Belfry.Cli.Output.Projections;

/// <summary>One key of a projection, <c>httpTarget.uri</c> or <c>name:label=JOB</c>, and the label it was given, if any.</summary>
internal sealed record ProjectionColumn(ResourceKey Key, string? Label);
