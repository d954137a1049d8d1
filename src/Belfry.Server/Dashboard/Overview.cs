using Belfry.Core.Jobs;
using Belfry.Core.Reports;

namespace Belfry.Server.Dashboard;

/// <summary>The overview page's figures: jobs by state, those failing now, the next runs and each job's 7-day success rate.</summary>
internal sealed record Overview(
    DateTimeOffset Now,
    IReadOnlyList<KeyValuePair<JobState, int>> ByState,
    IReadOnlyList<Job> Failing,
    IReadOnlyList<Job> NextRuns,
    IReadOnlyList<JobRunSummary> Rates);
