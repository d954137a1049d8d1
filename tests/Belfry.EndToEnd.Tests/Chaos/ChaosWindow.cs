namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>The whole seconds a chaos run checks: <see cref="Start"/> and the <see cref="Seconds"/> − 1 after it.</summary>
internal sealed record ChaosWindow(DateTimeOffset Start, int Seconds)
{
    public DateTimeOffset End => Start.AddSeconds(Seconds);

    public IEnumerable<DateTimeOffset> Times => Enumerable.Range(0, Seconds).Select(s => Start.AddSeconds(s));

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>A window starting at the first whole second at or after <paramref name="notBefore"/>.</summary>
    public static ChaosWindow StartingAt(DateTimeOffset notBefore, int seconds)
    {
        var whole = new DateTimeOffset(notBefore.UtcTicks - (notBefore.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new ChaosWindow(whole < notBefore ? whole.AddSeconds(1) : whole, seconds);
    }
}
