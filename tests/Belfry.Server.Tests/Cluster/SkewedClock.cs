namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// A node's clock: the true clock (a FakeTimeProvider the test moves) shifted by a fixed skew. Timers are the true
/// clock's, since a skewed clock still measures durations rightly.
/// </summary>
internal sealed class SkewedClock(TimeProvider truth, TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => truth.GetUtcNow() + skew;

    public override long GetTimestamp() => truth.GetTimestamp();

    public override long TimestampFrequency => truth.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        truth.CreateTimer(callback, state, dueTime, period);
}
