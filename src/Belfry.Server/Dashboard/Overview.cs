using Belfry.Core.Jobs;
using Belfry.Core.Reports;

namespace Belfry.Server.Dashboard;

/// <summary>
/// The overview page's figures, bounded whatever the number of jobs: jobs by state; the most recent of those failing now
/// and how many fail; the next runs; the lowest 7-day success rates and how many jobs ran in those days.
/// </summary>
internal sealed record Overview(
    DateTimeOffset Now,
    IReadOnlyList<KeyValuePair<JobState, int>> ByState,
    IReadOnlyList<Job> Failing,
    int FailingTotal,
    IReadOnlyList<Job> NextRuns,
    IReadOnlyList<JobRunRate> Rates,
    int RatedJobs);
