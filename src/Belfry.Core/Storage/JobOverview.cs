using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// A location's jobs at a glance, in a bounded read whatever their number (the dashboard's overview, issue 16): how many
/// are in each state; those failing now (the last attempt's status is not OK), the most recent first, and how many in
/// all; and the Enabled jobs that run next.
/// </summary>
internal sealed record JobOverview(
    IReadOnlyList<KeyValuePair<JobState, int>> ByState, IReadOnlyList<Job> Failing, int FailingTotal, IReadOnlyList<Job> NextRuns);
