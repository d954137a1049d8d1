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

    public static RetryConfig Default { get; } =
        new(0, TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), 5);
}
