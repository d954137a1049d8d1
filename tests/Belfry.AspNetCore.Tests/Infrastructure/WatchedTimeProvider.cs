using Microsoft.Extensions.Time.Testing;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created through it. <c>Advance</c> only fires timers already
/// armed, so a test that drives a loop waits for the loop's next <c>Task.Delay</c> to exist before advancing. The wall
/// clock can be moved apart from the rest (<see cref="WallClockOffset"/>), as when NTP steps it: timestamps and timers
/// keep the fake clock's steady time.
/// </summary>
public sealed class WatchedTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private int _timersCreated;
    private long _wallClockOffsetTicks;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    /// <summary>Added to <see cref="GetUtcNow"/> only.</summary>
    public TimeSpan WallClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _wallClockOffsetTicks));
        set => Interlocked.Exchange(ref _wallClockOffsetTicks, value.Ticks);
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + WallClockOffset;

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
