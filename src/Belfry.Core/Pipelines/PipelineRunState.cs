namespace Belfry.Core.Pipelines;

/// <summary>Where a pipeline run stands; the numbers are stored. Running is outstanding, the rest are final.</summary>
internal enum PipelineRunState
{
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Cancelled = 4,
}
