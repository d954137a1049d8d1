using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Retention;

/// <summary>Execution retention (section <c>Belfry:Retention</c>; docs/operations.md, "Retention").</summary>
internal sealed class RetentionOptions
{
    public const string SectionName = "Belfry:Retention";

    /// <summary>
    /// The shortest age other than 0: the longest alert policy window and <c>belfry report --days 7</c> read a week of
    /// finished executions.
    /// </summary>
    public static readonly TimeSpan MinExecutionAge = TimeSpan.FromDays(7);

    /// <summary>Run the background loop. Tests turn it off and call <see cref="ExecutionRetention.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Finished executions (and finished pipeline runs) are deleted this long after they finished, with their attempts.
    /// Zero keeps everything.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "Belfry:Retention:ExecutionAge must be between 0 (keep everything) and 3650 days.")]
    public TimeSpan ExecutionAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a pass looks for expired rows; a pass goes on while its batches come back full.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Belfry:Retention:Interval must be between 1 second and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Executions deleted per store transaction (pipeline runs: a tenth as many, since each brings its steps' executions).</summary>
    [Range(10, 10_000)]
    public int BatchSize { get; set; } = 500;

    public bool IsValid() => ExecutionAge == TimeSpan.Zero || ExecutionAge >= MinExecutionAge;
}
