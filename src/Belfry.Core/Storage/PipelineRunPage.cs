using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>One page of a pipeline's runs, newest first; <see cref="NextPageToken"/> is null on the last page.</summary>
internal sealed record PipelineRunPage(IReadOnlyList<PipelineRun> Runs, string? NextPageToken);
