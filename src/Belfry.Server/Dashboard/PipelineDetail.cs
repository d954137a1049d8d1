using Belfry.Core.Pipelines;

namespace Belfry.Server.Dashboard;

/// <summary>A pipeline's page: its definition and one page of its runs, newest first.</summary>
internal sealed record PipelineDetail(Pipeline Pipeline, IReadOnlyList<PipelineRun> Runs, string? NextPageToken);
