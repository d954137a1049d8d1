namespace Belfry.LoadBench.Sink;

/// <summary>One request the sink received: which job, for which scheduled second, and when it arrived (UTC ticks).</summary>
internal readonly record struct Delivery(string JobId, long ScheduledUnixSeconds, long ReceivedUtcTicks)
{
    public double LatenessMs => (ReceivedUtcTicks - DateTimeOffset.FromUnixTimeSeconds(ScheduledUnixSeconds).UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
}
