namespace Belfry.Core.Storage;

/// <summary>What a <see cref="StoreChange"/> tells.</summary>
internal enum StoreChangeKind
{
    /// <summary>A job was created (perhaps again, after a delete).</summary>
    JobCreated,

    /// <summary>A job's definition or state was written by its owner (update, pause, resume).</summary>
    JobUpdated,

    /// <summary>A job was deleted, with its executions.</summary>
    JobDeleted,

    /// <summary>A pipeline was created, updated or deleted.</summary>
    PipelineChanged,

    /// <summary>Executions became due outside any schedule: a manual run, a pipeline run started, resumed or cancelled.</summary>
    ExecutionsDue,

    /// <summary>
    /// The signing keys changed: the first key was made, or a rotation made a new one current. Names no job or
    /// pipeline; every node's key ring drops what it read, so its JWKS serves the key another node now signs with.
    /// </summary>
    SigningKeysChanged,

    /// <summary>
    /// Changes may have been missed, so anything may have changed: re-read the store. Published by a feed that cannot
    /// tell what it lost (PostgreSQL's, each time its listening connection opens or reopens: notifications sent while it
    /// was away are gone). It names no job or pipeline, so it withdraws nothing a subscriber armed: it only wakes it.
    /// </summary>
    Resync,
}
