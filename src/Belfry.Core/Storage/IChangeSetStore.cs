namespace Belfry.Core.Storage;

/// <summary>
/// Applies a <see cref="ChangeSet"/> in one transaction (jobs as code, issue 17, docs/jobs-as-code.md): every write or
/// none. Before each update or delete the resource's stored update time is compared with the change's expected one, and
/// a create finds its name free; otherwise <see cref="ChangeSetConflictException"/> rolls everything back. Each write
/// does what the resource's own store method does (a job update withdraws armed executions; changes are published
/// after the commit).
/// </summary>
internal interface IChangeSetStore
{
    Task ApplyChangeSetAsync(ChangeSet changes, CancellationToken cancellationToken);
}
