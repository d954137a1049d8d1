namespace Belfry.Core.Retries;

/// <summary>
/// Cloud Scheduler's retry timing: the first retry waits minBackoff; the wait doubles maxDoublings times, then
/// grows linearly by minBackoff × 2^maxDoublings per retry, capped at maxBackoff
/// (10s, 300s, 3 doublings: 10, 20, 40, 80, 160, 240, 300, 300). Retrying goes on until both retryCount and
/// maxRetryDuration (0 = no time limit) are exhausted.
/// </summary>
internal static class Backoff
{
    /// <summary>The wait before retry number <paramref name="retry"/> (1 = the first retry).</summary>
    public static TimeSpan Delay(RetryConfig config, int retry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var min = config.MinBackoffDuration;
        var doublings = retry - 1;
        TimeSpan wait;
        if (doublings <= config.MaxDoublings)
        {
            // Cap the exponent so a large doubling count cannot overflow before the maxBackoff cap applies.
            wait = Multiply(min, Math.Pow(2, Math.Min(doublings, 62)));
        }
        else
        {
            var step = Multiply(min, Math.Pow(2, Math.Min(config.MaxDoublings, 62)));
            wait = Multiply(step, doublings - config.MaxDoublings + 1);
        }

        return wait > config.MaxBackoffDuration ? config.MaxBackoffDuration : wait;
    }

    /// <summary>
    /// When to retry after attempt <paramref name="attemptsMade"/> failed at <paramref name="now"/>, or null when
    /// retrying is over. <paramref name="firstAttemptTime"/> starts the maxRetryDuration clock.
    /// </summary>
    public static DateTimeOffset? NextAttemptTime(RetryConfig config, int attemptsMade, DateTimeOffset firstAttemptTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        var retriesMade = attemptsMade - 1;
        var countLeft = retriesMade < config.RetryCount;
        var timeLeft = config.MaxRetryDuration > TimeSpan.Zero && now - firstAttemptTime < config.MaxRetryDuration;
        if (!countLeft && !timeLeft)
        {
            return null;
        }

        // The API bounds the backoff to an hour; a config stored before it was bounded (issue 10: 8,000 years
        // overflowed here, before the attempt was recorded, so it was re-sent at every lease expiry) gives up instead.
        var delay = Delay(config, retriesMade + 1);
        return delay < DateTimeOffset.MaxValue - now ? now + delay : null;
    }

    private static TimeSpan Multiply(TimeSpan value, double factor)
    {
        var ticks = value.Ticks * factor;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
