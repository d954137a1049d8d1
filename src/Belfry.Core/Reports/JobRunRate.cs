using Belfry.Core.Jobs;

namespace Belfry.Core.Reports;

/// <summary>A job's finished runs in a window and how many succeeded: the dashboard's success rate (issue 16).</summary>
internal sealed record JobRunRate(JobName Job, int Runs, int Successes)
{
    public decimal SuccessRate => Of(Runs, Successes);

    /// <summary>
    /// Successes per hundred runs to one decimal, as the article's <c>ROUND(…, 1)</c>: BigQuery rounds halves away from
    /// zero, and decimal keeps 12.25 a half where a double would not.
    /// </summary>
    public static decimal Of(int runs, int successes) =>
        runs == 0 ? 0m : Math.Round(100m * successes / runs, 1, MidpointRounding.AwayFromZero);
}
