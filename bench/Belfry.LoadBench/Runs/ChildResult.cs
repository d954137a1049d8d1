namespace Belfry.LoadBench.Runs;

/// <summary>What a child reports to the parent in its result file; the deliveries themselves are in the sink.</summary>
internal sealed class ChildResult
{
    public string System { get; set; } = "";

    public string Workload { get; set; } = "";

    public int Jobs { get; set; }

    /// <summary>Steady: the first and the one-past-last scheduled second counted (Unix seconds).</summary>
    public long WindowStartUnix { get; set; }

    public long WindowEndUnix { get; set; }

    /// <summary>Burst: the instant every job is due (Unix seconds).</summary>
    public long BurstAtUnix { get; set; }

    public double SetupSeconds { get; set; }

    public double CpuSeconds { get; set; }

    public double PeakRssMb { get; set; }

    /// <summary>Scale: measured in the child, passed through as it is.</summary>
    public Belfry.LoadBench.Reporting.ScaleReport? Scale { get; set; }

    /// <summary>Soak: what the child measured; the parent checks the rest.</summary>
    public SoakChildResult? Soak { get; set; }

    /// <summary>Delete: what the child did and saw; the parent adds the sink's deliveries.</summary>
    public DeleteTimeline? Delete { get; set; }

    /// <summary>Dashboard: measured in the child, passed through as it is.</summary>
    public Belfry.LoadBench.Reporting.DashboardReport? Dashboard { get; set; }

    public string? Error { get; set; }

    public List<string> Notes { get; set; } = [];
}
