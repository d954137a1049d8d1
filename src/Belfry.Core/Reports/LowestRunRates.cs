namespace Belfry.Core.Reports;

/// <summary>The lowest success rates of a location's jobs, worst first, and how many jobs had a finished run at all.</summary>
internal sealed record LowestRunRates(IReadOnlyList<JobRunRate> Lowest, int JobsWithRuns);
