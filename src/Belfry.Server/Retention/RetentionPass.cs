namespace Belfry.Server.Retention;

/// <summary>What one retention pass deleted.</summary>
internal readonly record struct RetentionPass(int Executions, int PipelineRuns);
