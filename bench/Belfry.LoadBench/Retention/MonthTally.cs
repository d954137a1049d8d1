namespace Belfry.LoadBench.Retention;

/// <summary>A simulated month's running counts in the retention-year workload.</summary>
internal sealed class MonthTally
{
    public long Written { get; private set; }

    /// <summary>The most executions held just before a pass.</summary>
    public long Peak { get; private set; }

    public long Deleted { get; set; }

    public void Add(long written, long held) => (Written, Peak) = (Written + written, Math.Max(Peak, held));
}
