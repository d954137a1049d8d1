namespace Belfry.LoadBench.Sink;

/// <summary>Every request the soak targets received, in arrival order; the parent checks it against the store.</summary>
internal sealed class SoakLog
{
    private readonly Lock _lock = new();
    private readonly List<SoakArrival> _arrivals = [];
    private long _hookRequests;

    public void Add(SoakArrival arrival)
    {
        lock (_lock)
        {
            _arrivals.Add(arrival);
        }
    }

    /// <summary>Numbers the webhook's requests (1, 2, …), so the throttling answer comes at a steady rate.</summary>
    public long NextHookRequest() => Interlocked.Increment(ref _hookRequests);

    public List<SoakArrival> Snapshot()
    {
        lock (_lock)
        {
            return [.. _arrivals];
        }
    }
}
