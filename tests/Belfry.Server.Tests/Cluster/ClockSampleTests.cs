using Belfry.Server.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// The offset measurement: the reference's time minus the midpoint of the local clock around the round trip. The
/// reference is a "true" clock; the node's is the same clock shifted by its skew.
/// <code>
///   true time    T0 ─────── T0+100ms (reference read) ─────── T0+200ms
///   node (+2 s)  T0+2s ──────────────────────────────────────  T0+2.2s    midpoint T0+2.1s → offset −2 s
/// </code>
/// </summary>
public sealed class ClockSampleTests
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2000, -2000)]
    [InlineData(-2000, 2000)]
    [InlineData(0, 0)]
    public void Measure_SymmetricRoundTrip_OffsetIsMinusTheSkew(int skewMs, int expectedMs)
    {
        var skew = TimeSpan.FromMilliseconds(skewMs);

        var sample = ClockSample.Measure(T0 + skew, T0.AddMilliseconds(100), T0.AddMilliseconds(200) + skew);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), sample.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(200), sample.RoundTrip);
    }

    [Fact]
    public void Measure_ReferenceReadAtTheStartOfTheTrip_ErrorIsHalfTheRoundTrip()
    {
        // The worst case: the database read its clock as the request left, and the answer took the whole trip back.
        var sample = ClockSample.Measure(T0.AddSeconds(2), T0, T0.AddSeconds(2).AddMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(-2150), sample.Offset);
        Assert.Equal(sample.RoundTrip / 2, (sample.Offset - TimeSpan.FromSeconds(-2)).Duration());
    }

    [Fact]
    public void ClusterClock_NodeTwoSecondsAheadCorrected_EqualsTheReference()
    {
        var truth = new FakeTimeProvider(T0);
        var node = new SkewedClock(truth, TimeSpan.FromSeconds(2));
        var clock = new ClusterClock(node);
        var sample = ClockSample.Measure(node.GetUtcNow(), truth.GetUtcNow(), node.GetUtcNow());

        clock.Set(sample.Offset, null);

        Assert.Equal(TimeSpan.FromSeconds(-2), clock.Offset);
        Assert.Equal(truth.GetUtcNow(), clock.GetUtcNow());
        truth.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(truth.GetUtcNow(), clock.GetUtcNow());
        Assert.Equal(T0.AddMinutes(7).AddSeconds(2), node.GetUtcNow());
    }

    [Fact]
    public void ClusterClock_Timer_RunsOnTheLocalClocksDurations()
    {
        var truth = new FakeTimeProvider(T0);
        var clock = new ClusterClock(new SkewedClock(truth, TimeSpan.FromSeconds(2)));
        clock.Set(TimeSpan.FromSeconds(-2), null);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        truth.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Equal(0, fired);
        truth.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void ClusterClock_WallClockJumpsAnHourBetweenMeasurements_FollowsTheMonotonicClockUntilTheNext()
    {
        var truth = new FakeTimeProvider(T0);
        var node = new SkewedClock(truth, TimeSpan.Zero);
        var clock = new ClusterClock(node);
        clock.Set(TimeSpan.Zero, null);

        node.Skew = TimeSpan.FromHours(1);
        truth.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(T0.AddSeconds(2), clock.GetUtcNow());
        clock.Set(ClockSample.Measure(node.GetUtcNow(), truth.GetUtcNow(), node.GetUtcNow()).Offset, null);
        truth.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromHours(-1), clock.Offset);
        Assert.Equal(T0.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public void ClusterClock_WallClockDriftsWithinTolerance_FollowsTheWallClock()
    {
        var truth = new FakeTimeProvider(T0);
        var node = new SkewedClock(truth, TimeSpan.Zero);
        var clock = new ClusterClock(node);
        clock.Set(TimeSpan.Zero, null);

        node.Skew = TimeSpan.FromMilliseconds(800);

        Assert.Equal(T0.AddMilliseconds(800), clock.GetUtcNow());
    }

    [Fact]
    public void ClusterClock_JumpSeenWhenTheLastMeasurementIsOlderThanTheWindow_FollowsTheWallClock()
    {
        var truth = new FakeTimeProvider(T0);
        var node = new SkewedClock(truth, TimeSpan.Zero);
        var clock = new ClusterClock(node);
        clock.Set(TimeSpan.Zero, null);

        node.Skew = TimeSpan.FromHours(1);
        truth.Advance(ClusterClock.SteadyWindow);

        Assert.Equal(T0 + ClusterClock.SteadyWindow + TimeSpan.FromHours(1), clock.GetUtcNow());
    }
}
