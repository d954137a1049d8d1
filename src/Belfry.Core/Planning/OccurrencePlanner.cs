using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;

namespace Belfry.Core.Planning;

/// <summary>
/// Decides, without I/O, what a due job does at <c>now</c>: which times fire, which are skipped by the overlap
/// rule, which are missed after downtime, and when it is next due (docs/semantics.md, "Overlap", "Catch-up").
/// </summary>
internal static class OccurrencePlanner
{
    /// <summary>
    /// A time at most this late is on time and fires whatever the catch-up policy (Quartz's misfire threshold);
    /// later than this it was missed, and the catch-up policy decides.
    /// </summary>
    public static TimeSpan MisfireThreshold { get; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many missed times are recorded, the most recent ones.</summary>
    public const int MaxMissedRecords = 100;

    /// <summary>Missed times further back than this (or the catch-up window, if longer) are not enumerated.</summary>
    public static TimeSpan MissedLookback { get; } = TimeSpan.FromDays(1);

    public static OccurrencePlan Plan(DueJob due, Schedule schedule, DateTimeOffset now) => Plan(due, schedule, now, now);

    /// <summary>
    /// As <see cref="Plan(DueJob, Schedule, DateTimeOffset)"/>, and also arms ahead: when nothing fires now and
    /// nothing is outstanding or waiting, the job's next time is fired too if it comes by <paramref name="horizon"/>
    /// (docs/semantics.md, "Arming ahead"). At most one time is armed per job, so the overlap rule still decides the
    /// time after it once it is due.
    /// </summary>
    public static OccurrencePlan Plan(DueJob due, Schedule schedule, DateTimeOffset now, DateTimeOffset horizon)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(schedule);
        var job = due.Job;
        if (job.ScheduleTime is { } scheduled && scheduled > now && due.DeferredTime is null)
        {
            // Not due yet, nothing waiting: only arming ahead can apply. The common case when every job is armed
            // ahead, so it allocates nothing it does not return.
            return due.OutstandingExecutions == 0 && scheduled <= horizon
                ? new OccurrencePlan([new PlannedFire(scheduled, ExecutionTrigger.Scheduled)], [], [], null, schedule.GetNextOccurrence(scheduled))
                : new OccurrencePlan([], [], [], null, scheduled);
        }

        var settings = job.Belfry;
        var first = job.ScheduleTime ?? now;
        var lookback = settings.CatchUpWindow > MissedLookback ? settings.CatchUpWindow : MissedLookback;
        var from = first > now - lookback ? first : now - lookback;

        var onTime = new List<DateTimeOffset>();
        var late = new List<DateTimeOffset>();
        foreach (var time in schedule.GetOccurrences(from, now))
        {
            (time > now - MisfireThreshold ? onTime : late).Add(time);
        }

        var windowStart = now - settings.CatchUpWindow;
        var fires = new List<PlannedFire>();
        var missed = new List<DateTimeOffset>();
        switch (settings.CatchUp)
        {
            case CatchUpPolicy.Latest:
                var latest = onTime.Count == 0 && late.Count > 0 && late[^1] >= windowStart ? late[^1] : (DateTimeOffset?)null;
                if (latest is { } catchUp)
                {
                    fires.Add(new PlannedFire(catchUp, ExecutionTrigger.CatchUp));
                }

                missed.AddRange(late.Where(t => t != latest));
                break;
            case CatchUpPolicy.All:
                fires.AddRange(late.Where(t => t >= windowStart).Select(t => new PlannedFire(t, ExecutionTrigger.CatchUp)));
                missed.AddRange(late.Where(t => t < windowStart));
                break;
            default:
                missed.AddRange(late);
                break;
        }

        fires.AddRange(onTime.Select(t => new PlannedFire(t, ExecutionTrigger.Scheduled)));
        var (toFire, skipped, deferred) = ApplyOverlap(settings.Overlap, fires, due.OutstandingExecutions, due.DeferredTime);
        if (missed.Count > MaxMissedRecords)
        {
            missed.RemoveRange(0, missed.Count - MaxMissedRecords);
        }

        var next = first > now ? first : schedule.GetNextOccurrence(now);
        if (toFire.Count == 0 && deferred is null && due.OutstandingExecutions == 0 && next is { } upcoming && upcoming <= horizon)
        {
            toFire.Add(new PlannedFire(upcoming, ExecutionTrigger.Scheduled));
            next = schedule.GetNextOccurrence(upcoming);
        }

        return new OccurrencePlan(toFire, skipped, missed, deferred, next);
    }

    private static (List<PlannedFire> Fire, List<DateTimeOffset> Skipped, DateTimeOffset? Deferred) ApplyOverlap(
        OverlapPolicy policy, List<PlannedFire> fires, int outstanding, DateTimeOffset? deferred)
    {
        if (policy == OverlapPolicy.Allow)
        {
            return (fires, [], deferred);
        }

        // A time already waiting for the outstanding execution is first in line.
        var queue = new List<PlannedFire>();
        if (deferred is { } waiting)
        {
            queue.Add(new PlannedFire(waiting, ExecutionTrigger.Scheduled));
        }

        queue.AddRange(fires);
        var toFire = new List<PlannedFire>();
        if (outstanding == 0 && queue.Count > 0)
        {
            toFire.Add(queue[0]);
            queue.RemoveAt(0);
        }

        if (queue.Count == 0)
        {
            return (toFire, [], null);
        }

        if (policy == OverlapPolicy.Skip)
        {
            return (toFire, queue.Select(f => f.ScheduleTime).ToList(), null);
        }

        // Coalesce: the latest waiting time survives; the ones it replaces are recorded as skipped.
        var skipped = queue.Take(queue.Count - 1).Select(f => f.ScheduleTime).ToList();
        return (toFire, skipped, queue[^1].ScheduleTime);
    }
}
