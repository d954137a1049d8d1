using System.Globalization;
using Belfry.Core.Retries;

namespace Belfry.Core.Tests.Retries;

/// <summary>Cloud Scheduler's retry timing (RetryConfig v1 documentation, DESIGN.md "Retries").</summary>
public sealed class BackoffTests
{
    private static readonly DateTimeOffset FirstAttempt = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Cloud Scheduler's worked example: min 10s, max 300s, 3 doublings → 10, 20, 40, 80 (doubling), then
    // +80s (10s × 2^3) a retry: 160, 240, then capped at 300.
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 160)]
    [InlineData(6, 240)]
    [InlineData(7, 300)]
    [InlineData(8, 300)]
    [InlineData(50, 300)]
    public void Delay_WorkedExample_DoublesThenGrowsLinearlyThenCaps(int retry, int expectedSeconds)
    {
        var config = Config(retryCount: 5, minSeconds: 10, maxSeconds: 300, maxDoublings: 3);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Delay(config, retry));
    }

    // Defaults 5s, 3600s, 5 doublings: 5 … 160 doubling, then +160s a retry until 3600 (retry 27 waits 3520).
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(5, 80)]
    [InlineData(6, 160)]
    [InlineData(7, 320)]
    [InlineData(8, 480)]
    [InlineData(27, 3520)]
    [InlineData(28, 3600)]
    [InlineData(1000, 3600)]
    public void Delay_Defaults_FollowCloudSchedulerDefaults(int retry, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Delay(RetryConfig.Default, retry));
    }

    [Fact]
    public void Default_MatchesCloudSchedulerV1()
    {
        Assert.Equal(new RetryConfig(0, TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), 5), RetryConfig.Default);
    }

    // No doublings: min, then +min a retry.
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 30)]
    public void Delay_ZeroDoublings_GrowsLinearlyFromTheStart(int retry, int expectedSeconds)
    {
        var config = Config(retryCount: 5, minSeconds: 10, maxSeconds: 300, maxDoublings: 0);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Delay(config, retry));
    }

    [Theory]
    [InlineData(64, 100)]
    [InlineData(1000, int.MaxValue)]
    public void Delay_HugeDoublingsOrRetries_CapsWithoutOverflow(int maxDoublings, int retry)
    {
        var config = Config(retryCount: 5, minSeconds: 10, maxSeconds: 300, maxDoublings: maxDoublings);

        Assert.Equal(TimeSpan.FromSeconds(300), Backoff.Delay(config, retry));
    }

    [Fact]
    public void Delay_RetryBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(RetryConfig.Default, 0));
    }

    // retryCount 3, no time limit: attempts 1-3 fail → retries 1-3 wait 10, 20, 40; the 4th attempt is the last.
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, null)]
    [InlineData(5, null)]
    public void NextAttemptTime_NoDurationLimit_StopsAfterRetryCountRetries(int attemptsMade, int? expectedWaitSeconds)
    {
        var config = Config(retryCount: 3, minSeconds: 10, maxSeconds: 300, maxDoublings: 3);
        var now = FirstAttempt.AddHours(1);

        var next = Backoff.NextAttemptTime(config, attemptsMade, FirstAttempt, now);

        Assert.Equal(expectedWaitSeconds is { } wait ? now.AddSeconds(wait) : null, next);
    }

    // retryCount 2 and 10 minutes: past the count, retrying goes on (with the backoff sequence continuing)
    // while the failure happens within 10 minutes of the first attempt.
    [Theory]
    [InlineData(3, "00:09:59", 40)]
    [InlineData(6, "00:05:00", 240)]
    [InlineData(3, "00:10:00", null)]
    [InlineData(3, "01:00:00", null)]
    // Within the count the duration does not stop anything.
    [InlineData(2, "01:00:00", 20)]
    public void NextAttemptTime_WithDurationLimit_RetriesUntilBothAreExhausted(int attemptsMade, string sinceFirst, int? expectedWaitSeconds)
    {
        var config = Config(retryCount: 2, minSeconds: 10, maxSeconds: 300, maxDoublings: 3, maxRetrySeconds: 600);
        var now = FirstAttempt + TimeSpan.Parse(sinceFirst, CultureInfo.InvariantCulture);

        var next = Backoff.NextAttemptTime(config, attemptsMade, FirstAttempt, now);

        Assert.Equal(expectedWaitSeconds is { } wait ? now.AddSeconds(wait) : null, next);
    }

    [Fact]
    public void NextAttemptTime_NoRetryCountNoDuration_NeverRetries()
    {
        Assert.Null(Backoff.NextAttemptTime(RetryConfig.Default, 1, FirstAttempt, FirstAttempt));
    }

    [Fact]
    public void NextAttemptTime_NoRetryCountWithDuration_RetriesWithinTheDuration()
    {
        var config = Config(retryCount: 0, minSeconds: 5, maxSeconds: 3600, maxDoublings: 5, maxRetrySeconds: 60);

        Assert.Equal(FirstAttempt.AddSeconds(5), Backoff.NextAttemptTime(config, 1, FirstAttempt, FirstAttempt));
        Assert.Null(Backoff.NextAttemptTime(config, 2, FirstAttempt, FirstAttempt.AddSeconds(60)));
    }

    private static RetryConfig Config(int retryCount, int minSeconds, int maxSeconds, int maxDoublings, int maxRetrySeconds = 0) =>
        new(retryCount, TimeSpan.FromSeconds(maxRetrySeconds), TimeSpan.FromSeconds(minSeconds), TimeSpan.FromSeconds(maxSeconds), maxDoublings);

    [Fact]
    public void NextAttemptTime_BackoffOf8001Years_GivesUpInsteadOfOverflowing()
    {
        // Stored before the API bounded backoffs to an hour (issue 10): now + delay overflowed DateTimeOffset.
        var eightThousandYears = TimeSpan.FromDays(8001 * 365.25);
        var config = new RetryConfig(5, TimeSpan.Zero, eightThousandYears, eightThousandYears, 5);

        Assert.Null(Backoff.NextAttemptTime(config, 1, FirstAttempt, FirstAttempt));
    }
}
