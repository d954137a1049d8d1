using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Server.Dispatch;

/// <summary>
/// A job changed by its owner, as the store published it (<see cref="StoreChange"/>): times armed from a version older
/// than <see cref="Version"/> and due after <see cref="At"/> were withdrawn from the store, so the dispatcher must not
/// send them. A job's latest change replaces its earlier ones.
/// </summary>
internal sealed record JobChange(JobName Job, long Version, DateTimeOffset At)
{
    /// <summary>The job is gone: nothing armed for it may be sent.</summary>
    public static JobChange Deleted(JobName job) => new(job, long.MaxValue, DateTimeOffset.MinValue);

    /// <summary>The job was created (perhaps again, after a delete): what is armed from now on is its own.</summary>
    public static JobChange Created(JobName job) => new(job, 0, DateTimeOffset.MaxValue);

    /// <summary>What a store change means to armed times; null when it is no job's change (a run, a pipeline): a wake-up only.</summary>
    public static JobChange? From(StoreChange change) => change switch
    {
        { Kind: StoreChangeKind.JobCreated, Job: { } job } => Created(job),
        { Kind: StoreChangeKind.JobUpdated, Job: { } job } => new JobChange(job, change.Version, change.At),
        { Kind: StoreChangeKind.JobDeleted, Job: { } job } => Deleted(job),
        _ => null,
    };
}
