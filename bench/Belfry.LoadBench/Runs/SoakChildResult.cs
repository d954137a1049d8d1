namespace Belfry.LoadBench.Runs;

/// <summary>What the soak's child measured and did; the parent adds what the store and the sink's log say.</summary>
internal sealed class SoakChildResult
{
    public double Minutes { get; set; }

    /// <summary>The server's execution retention age (its default: at least 7 days is allowed, far beyond a soak).</summary>
    public double RetentionDays { get; set; }

    /// <summary>When the load ended (Unix seconds): every job was paused from then on, and the drain began.</summary>
    public long LoadEndUnix { get; set; }

    public List<SoakControlJob> ControlJobs { get; set; } = [];

    /// <summary>The sample taken at the end of the warm-up, against which the end's RSS is compared.</summary>
    public int WarmUpSample { get; set; }

    public List<SoakSample> Samples { get; set; } = [];

    public Dictionary<string, int> Traffic { get; set; } = [];

    /// <summary>Calls refused by the API during the traffic (each one a line; none expected).</summary>
    public List<string> TrafficErrors { get; set; } = [];

    public double DrainSeconds { get; set; }

    /// <summary>Executions and notifications still outstanding when the drain gave up (0 when it finished).</summary>
    public long OutstandingAfterDrain { get; set; }
}
