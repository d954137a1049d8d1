using Belfry.Core.Executions;

namespace Belfry.Core.Storage;

/// <summary>One page of a job's executions, newest schedule time first, each with its attempts.</summary>
internal sealed record ExecutionPage(IReadOnlyList<Execution> Executions, string? NextPageToken);
