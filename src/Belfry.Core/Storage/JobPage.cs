using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>One page of jobs ordered by job id; <see cref="NextPageToken"/> is null on the last page.</summary>
internal sealed record JobPage(IReadOnlyList<Job> Jobs, string? NextPageToken);
