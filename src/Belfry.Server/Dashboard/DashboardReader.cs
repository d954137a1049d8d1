using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Reports;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;
using Belfry.Server.Api.Reports;
using Belfry.Server.Cluster;
using Belfry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dashboard;

/// <summary>
/// What the pages show, read through the same store contracts and commands the API uses (docs/dashboard.md): no query
/// of its own, so a page and <c>GET /v1/…</c> never disagree.
/// </summary>
internal sealed class DashboardReader(
    IJobStore jobs, IExecutionStore executions, ScheduleCache schedules, ClusterClock clock, IOptions<ServerOptions> server)
{
    public const int NextRunCount = 10;
    public const int FireTimeCount = 5;
    public const int ExecutionCount = 20;

    /// <summary>The overview's most recent failing jobs; the page says how many fail in all.</summary>
    public const int FailingCount = 20;

    /// <summary>The overview's lowest 7-day success rates; the page says how many jobs ran.</summary>
    public const int RateCount = 50;

    public IReadOnlyList<string> Locations => [.. server.Value.Locations];

    /// <summary>
    /// Bounded reads per location (<see cref="IJobStore.OverviewAsync"/>, <see cref="IExecutionStore.LowestRunRatesAsync"/>),
    /// merged: the overview costs the same with 10 jobs or 10,000 (issue 16, point 6; bench/README.md).
    /// </summary>
    public async Task<Overview> OverviewAsync(string project, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = ReportWindow.Since(now, TimeZoneInfo.Utc, ReportsEndpoints.DefaultDays);
        var byState = new Dictionary<JobState, int>();
        var (failing, next, rates) = (new List<Job>(), new List<Job>(), new List<JobRunRate>());
        var (failingTotal, ratedJobs) = (0, 0);
        foreach (var location in server.Value.Locations)
        {
            var parent = new LocationName(project, location);
            var overview = await jobs.OverviewAsync(parent, Math.Max(FailingCount, NextRunCount), cancellationToken).ConfigureAwait(false);
            foreach (var (state, count) in overview.ByState)
            {
                byState[state] = byState.GetValueOrDefault(state) + count;
            }

            failing.AddRange(overview.Failing);
            failingTotal += overview.FailingTotal;
            next.AddRange(overview.NextRuns);
            var lowest = await executions.LowestRunRatesAsync(parent, since, RateCount, cancellationToken).ConfigureAwait(false);
            rates.AddRange(lowest.Lowest);
            ratedJobs += lowest.JobsWithRuns;
        }

        return new Overview(
            now,
            [.. byState.OrderBy(p => p.Key)],
            [.. failing.OrderBy(j => j.LastAttemptTime is null).ThenByDescending(j => j.LastAttemptTime).Take(FailingCount)],
            failingTotal,
            [.. next.OrderBy(j => j.ScheduleTime).Take(NextRunCount)],
            [.. rates.OrderBy(r => (decimal)r.Successes / r.Runs).ThenBy(r => r.Job.FullName, StringComparer.Ordinal).Take(RateCount)],
            ratedJobs);
    }

    /// <summary>
    /// One page of a location's jobs, narrowed by state and a name fragment. The store pages by id only, so a
    /// narrowed page reads store pages until it has <paramref name="pageSize"/> matches or the end; the next token is
    /// the store's, so a page may hold up to twice the size, and never repeats or skips a job.
    /// </summary>
    public async Task<JobPage> JobsAsync(
        LocationName parent, JobState? state, string? search, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var found = new List<Job>();
        var token = pageToken;
        do
        {
            var page = await jobs.ListJobsAsync(parent, pageSize, token, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Jobs.Where(j => (state is null || j.State == state) &&
                (string.IsNullOrWhiteSpace(search) || j.Name.JobId.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))));
            token = page.NextPageToken;
        }
        while (token is not null && found.Count < pageSize);

        return new JobPage(found, token);
    }

    /// <summary>The job, its next fire times (with DST notes, as <c>belfry cron next</c>) and its newest executions; null when there is none.</summary>
    public async Task<JobDetail?> JobAsync(JobName name, CancellationToken cancellationToken)
    {
        var job = await jobs.GetJobAsync(name, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        IReadOnlyList<ScheduleOccurrence> fires;
        try
        {
            fires = [.. schedules.Get(job.Schedule, job.TimeZone).DescribeNext(now, FireTimeCount)];
        }
        catch (ScheduleFormatException)
        {
            // An UPDATE_FAILED job's schedule no longer plans; the page still shows the job.
            fires = [];
        }

        var history = await executions.ListExecutionsAsync(name, ExecutionCount, null, cancellationToken).ConfigureAwait(false);
        return new JobDetail(job, fires, history.Executions);
    }

    /// <summary>Failing now: the last attempt's answer was not a success (Cloud Scheduler's <c>status</c>).</summary>
    public static bool IsFailing(Job job) => job.Status is { Code: not 0 };
}
