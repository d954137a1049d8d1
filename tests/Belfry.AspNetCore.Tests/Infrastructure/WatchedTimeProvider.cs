using Microsoft.Extensions.Time.Testing;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created through it. <c>Advance</c> only fires timers already
/// armed, so a test that drives a loop waits for the loop's next <c>Task.Delay</c> to exist before advancing.
/// </summary>
public sealed class WatchedTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }

    /// <summary>Waits (in real time) until at least <paramref name="count"/> timers have been created.</summary>
    public Task<bool> WaitForTimersAsync(int count) => Eventually.TrueAsync(() => Task.FromResult(TimersCreated >= count));
}
