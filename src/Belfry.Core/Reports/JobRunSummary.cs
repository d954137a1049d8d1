using Belfry.Core.Jobs;

namespace Belfry.Core.Reports;

/// <summary>
/// One job's line of the success-rate report (issue 13, the article's BigQuery query): its finished runs in the window
/// (executions that Succeeded or Failed; outstanding ones have no outcome yet and skipped, missed or cancelled ones
/// never ran to an outcome), how many succeeded, and their durations, each from the first attempt's start to the finish.
/// </summary>
internal sealed record JobRunSummary(
    JobName Job, int Runs, int Successes, TimeSpan AverageDuration, TimeSpan P95Duration, RunFailure? LastFailure)
{
    /// <summary>Successes per hundred runs to one decimal (<see cref="JobRunRate.Of"/>).</summary>
    public decimal SuccessRate => JobRunRate.Of(Runs, Successes);
}
