using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>
/// One committed change, as <see cref="IStoreChanges"/> publishes it. For a job, <see cref="Version"/> is the version
/// the write left (1 for a new job) and <see cref="At"/> when it took effect: an update withdrew from the store the
/// executions armed ahead from older versions and due after <see cref="At"/> (its user update time), so a subscriber
/// holding such an execution must not send it. Delivery may repeat a change, or come late; neither feed merges
/// changes (SQLite's hands over each as written, PostgreSQL's each one a notification carried, in order), and one that
/// would merge two changes of one job must keep the highest version and the earliest instant, so the merged change
/// withdraws at least what each did, and never merge a delete with a later create. A feed that may have lost changes
/// says so with <see cref="StoreChangeKind.Resync"/>.
/// </summary>
internal sealed record StoreChange(StoreChangeKind Kind, DateTimeOffset At)
{
    /// <summary>The job changed, for the job kinds; the job run manually, for <see cref="StoreChangeKind.ExecutionsDue"/>.</summary>
    public JobName? Job { get; init; }

    /// <summary>The pipeline changed or run, for <see cref="StoreChangeKind.PipelineChanged"/> and pipeline runs.</summary>
    public PipelineName? Pipeline { get; init; }

    /// <summary>The job's version after the write (job kinds only; 0 otherwise).</summary>
    public long Version { get; init; }

    public static StoreChange JobCreated(JobName job, long version, DateTimeOffset at) =>
        new(StoreChangeKind.JobCreated, at) { Job = job, Version = version };

    public static StoreChange JobUpdated(JobName job, long version, DateTimeOffset at) =>
        new(StoreChangeKind.JobUpdated, at) { Job = job, Version = version };

    public static StoreChange JobDeleted(JobName job, DateTimeOffset at) =>
        new(StoreChangeKind.JobDeleted, at) { Job = job };

    public static StoreChange PipelineChanged(PipelineName pipeline, DateTimeOffset at) =>
        new(StoreChangeKind.PipelineChanged, at) { Pipeline = pipeline };

    public static StoreChange JobRun(JobName job, DateTimeOffset at) =>
        new(StoreChangeKind.ExecutionsDue, at) { Job = job };

    public static StoreChange PipelineRun(PipelineName pipeline, DateTimeOffset at) =>
        new(StoreChangeKind.ExecutionsDue, at) { Pipeline = pipeline };

    /// <summary>The signing keys changed at <paramref name="at"/> (a first key, or a rotation).</summary>
    public static StoreChange SigningKeysChanged(DateTimeOffset at) => new(StoreChangeKind.SigningKeysChanged, at);

    /// <summary>Changes may have been missed until <paramref name="at"/>: re-read the store (<see cref="StoreChangeKind.Resync"/>).</summary>
    public static StoreChange Resync(DateTimeOffset at) => new(StoreChangeKind.Resync, at);
}
