namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// A node's clock: the true clock (a FakeTimeProvider the test moves) shifted by a skew. Timers and timestamps are the
/// true clock's, since a skewed clock still measures durations rightly; changing <see cref="Skew"/> is a wall-clock
/// jump that the monotonic clock does not see.
/// </summary>
internal sealed class SkewedClock(TimeProvider truth, TimeSpan skew) : TimeProvider
{
    public TimeSpan Skew { get; set; } = skew;

    public override DateTimeOffset GetUtcNow() => truth.GetUtcNow() + Skew;

    public override long GetTimestamp() => truth.GetTimestamp();

    public override long TimestampFrequency => truth.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        truth.CreateTimer(callback, state, dueTime, period);
}
