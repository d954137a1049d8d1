namespace Belfry.Core.Retries;

/// <summary>Cloud Scheduler v1 <c>RetryConfig</c> with its defaults. A zero <see cref="MaxRetryDuration"/> means unlimited.</summary>
internal sealed record RetryConfig(
    int RetryCount,
    TimeSpan MaxRetryDuration,
    TimeSpan MinBackoffDuration,
    TimeSpan MaxBackoffDuration,
    int MaxDoublings)
{
    public const int MaxRetryCount = 5;

    /// <summary>The largest min and max backoff, as Cloud Scheduler: an hour (docs/security.md, "Limits").</summary>
    public static TimeSpan MaxBackoffLimit { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The largest maxRetryDuration: 30 days. Cloud Scheduler sets none, but an execution retrying longer than a month
    /// holds the job (the overlap rule waits for it) past any useful run, and keeps instants far from overflow.
    /// </summary>
    public static TimeSpan MaxRetryDurationLimit { get; } = TimeSpan.FromDays(30);

    public static RetryConfig Default { get; } =
        new(0, TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), 5);
}
