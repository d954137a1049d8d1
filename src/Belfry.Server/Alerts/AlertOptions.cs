using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Alerts;

/// <summary>The alert watcher's settings (section <c>Belfry:Alerts</c>).</summary>
internal sealed class AlertOptions
{
    public const string SectionName = "Belfry:Alerts";

    /// <summary>Run the watcher loop (its first pass at start-up). Tests turn it off and call <see cref="AlertWatcher.RunOnceAsync"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often alert policies and missed-run deadlines are evaluated.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Jobs looked at per pass for missed runs.</summary>
    [Range(1, 100_000)]
    public int MissedRunBatchSize { get; set; } = 1000;
}
