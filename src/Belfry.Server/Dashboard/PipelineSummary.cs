using Belfry.Core.Pipelines;

namespace Belfry.Server.Dashboard;

/// <summary>A row of the pipelines page: the pipeline and its newest run (null before the first).</summary>
internal sealed record PipelineSummary(Pipeline Pipeline, PipelineRun? NewestRun);
