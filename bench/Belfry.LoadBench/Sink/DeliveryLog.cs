namespace Belfry.LoadBench.Sink;

/// <summary>
/// Every delivery since the last <see cref="Reset"/>, and a running count per (first letter of the job id,
/// scheduled second), which is what a child polls while it waits: workloads name their jobs s…, b…, p….
/// </summary>
internal sealed class DeliveryLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(char Kind, long Second), long> _counts = [];
    private List<Delivery> _deliveries = new(capacity: 1 << 16);

    public void Add(Delivery delivery)
    {
        var key = (delivery.JobId[0], delivery.ScheduledUnixSeconds);
        lock (_lock)
        {
            _deliveries.Add(delivery);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Deliveries (duplicates included) of jobs whose id starts with <paramref name="kind"/>, scheduled in [from, to).</summary>
    public long Count(char kind, long fromUnix, long toUnix)
    {
        lock (_lock)
        {
            long count = 0;
            foreach (var ((k, second), n) in _counts)
            {
                if (k == kind && second >= fromUnix && second < toUnix)
                {
                    count += n;
                }
            }

            return count;
        }
    }

    /// <summary>Hands over what was recorded and starts afresh.</summary>
    public List<Delivery> Reset()
    {
        lock (_lock)
        {
            var taken = _deliveries;
            _deliveries = new List<Delivery>(capacity: 1 << 16);
            _counts.Clear();
            return taken;
        }
    }
}
