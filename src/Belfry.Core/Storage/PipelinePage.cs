using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>One page of pipelines ordered by id; <see cref="NextPageToken"/> is null on the last page.</summary>
internal sealed record PipelinePage(IReadOnlyList<Pipeline> Pipelines, string? NextPageToken);
