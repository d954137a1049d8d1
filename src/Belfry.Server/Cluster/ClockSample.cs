namespace Belfry.Server.Cluster;

/// <summary>
/// One measurement of this node's clock against the database's: <see cref="Offset"/> is the database's time minus the
/// midpoint of the node's clock read just before and just after the round trip that read it (NTP's estimate, assuming
/// the way there and back took as long), so a node whose clock runs 2 s ahead measures −2 s. The estimate is off by at
/// most half the <see cref="RoundTrip"/>.
/// </summary>
internal readonly record struct ClockSample(TimeSpan Offset, TimeSpan RoundTrip)
{
    public static ClockSample Measure(DateTimeOffset localBefore, DateTimeOffset reference, DateTimeOffset localAfter)
    {
        var roundTrip = localAfter - localBefore;
        return new ClockSample(reference - (localBefore + (roundTrip / 2)), roundTrip);
    }
}
