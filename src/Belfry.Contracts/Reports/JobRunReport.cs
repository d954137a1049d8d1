namespace Belfry.Contracts.Reports;

/// <summary>
/// Belfry extension: one job's line of the success-rate report (<c>GET …/locations/*/jobs:report</c>), the article's
/// BigQuery query per job. Runs are finished executions (SUCCEEDED or FAILED) whose run date falls in the window.
/// </summary>
public sealed class JobRunReport
{
    /// <summary>The job's resource name (a pipeline step's internal job has <c>jobs/{pipeline}/steps/{step}</c>).</summary>
    public string? Job { get; set; }

    /// <summary>Finished executions in the window.</summary>
    public int Runs { get; set; }

    /// <summary>Of those, the ones that SUCCEEDED.</summary>
    public int Successes { get; set; }

    /// <summary>Successes per hundred runs, one decimal, halves rounded away from zero (BigQuery's <c>ROUND(x, 1)</c>).</summary>
    public decimal SuccessRate { get; set; }

    /// <summary>Mean duration, first attempt's start to finish (<c>"12.5s"</c>).</summary>
    public string? AverageDuration { get; set; }

    /// <summary>The 95th percentile duration, nearest rank: the ⌈0.95·runs⌉-th shortest.</summary>
    public string? P95Duration { get; set; }

    /// <summary>When the latest failed run finished; absent when none failed.</summary>
    public DateTimeOffset? LastFailureTime { get; set; }

    /// <summary>The latest failed run's error, or <c>HTTP 503</c> when the target answered; absent when none failed.</summary>
    public string? LastFailureMessage { get; set; }
}
