namespace Belfry.Core.Storage;

/// <summary>
/// Writes to apply all together or not at all (jobs as code, issue 17), in the order given: the caller orders them so
/// that what a resource refers to is written first (channels before jobs, pipelines and policies; deletes last).
/// </summary>
internal sealed record ChangeSet(IReadOnlyList<ResourceChange> Changes);
