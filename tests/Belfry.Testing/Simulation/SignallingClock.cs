using Microsoft.Extensions.Time.Testing;

namespace Belfry.Testing.Simulation;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when a timer is created. <c>Advance</c> fires only timers already
/// armed, so a test driving a loop awaits the loop's next <c>Task.Delay</c> (<see cref="TimerCreatedAsync"/>) before
/// advancing, and knows the cycle before it has finished.
/// </summary>
public sealed class SignallingClock(FakeTimeProvider inner) : TimeProvider, IDisposable
{
    private readonly SemaphoreSlim _created = new(0);

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        _created.Release();
        return timer;
    }

    /// <summary>Completes once a timer not yet awaited has been created.</summary>
    public Task TimerCreatedAsync(CancellationToken cancellationToken) => _created.WaitAsync(cancellationToken);

    public void Dispose() => _created.Dispose();
}
