using Belfry.Core.Jobs;

namespace Belfry.Server.Dispatch;

/// <summary>
/// A job changed through the API: times armed from a version older than <see cref="Version"/> and due after
/// <see cref="At"/> were withdrawn from the store, so the dispatcher must not send them. A job's latest change
/// replaces its earlier ones.
/// </summary>
internal sealed record JobChange(JobName Job, long Version, DateTimeOffset At)
{
    /// <summary>The job is gone: nothing armed for it may be sent.</summary>
    public static JobChange Deleted(JobName job) => new(job, long.MaxValue, DateTimeOffset.MinValue);

    /// <summary>The job was created (perhaps again, after a delete): what is armed from now on is its own.</summary>
    public static JobChange Created(JobName job) => new(job, 0, DateTimeOffset.MaxValue);
}
