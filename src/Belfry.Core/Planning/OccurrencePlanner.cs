using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Planning;

/// <summary>
/// Decides, without I/O, what a due schedule (a job's or a pipeline's) does at <c>now</c>: which times fire, which are skipped by the overlap
/// rule, which are missed after downtime, and when it is next due (docs/semantics.md, "Overlap", "Catch-up").
/// </summary>
internal static class OccurrencePlanner
{
    /// <summary>
    /// A time at most this late is on time and fires whatever the catch-up policy (Quartz's misfire threshold);
    /// later than this it was missed, and the catch-up policy decides.
    /// </summary>
    public static TimeSpan MisfireThreshold { get; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many missed times are recorded, the most recent ones; the rest are only counted.</summary>
    public const int MaxMissedRecords = 100;

    /// <summary>
    /// At most this many missed times fire in one catch-up (policy ALL), the most recent ones; the older ones are
    /// missed. Without it a per-second job with a one-day window created 86,400 executions in one transaction.
    /// </summary>
    public const int MaxCatchUpFires = 100;

    /// <summary>Missed times further back than this (or the catch-up window, if longer) are not enumerated.</summary>
    public static TimeSpan MissedLookback { get; } = TimeSpan.FromDays(1);

    // Late times kept while enumerating: enough for every fire and every record; older ones are only counted.
    private const int LateKept = MaxCatchUpFires + MaxMissedRecords;

    public static OccurrencePlan Plan(ScheduleState state, Schedule schedule, DateTimeOffset now) => Plan(state, schedule, now, now);

    /// <summary>
    /// As <see cref="Plan(ScheduleState, Schedule, DateTimeOffset)"/>, and also arms ahead: when nothing fires now and
    /// nothing is outstanding or waiting, the job's next time is fired too if it comes by <paramref name="horizon"/>
    /// (docs/semantics.md, "Arming ahead"). At most one time is armed per job, so the overlap rule still decides the
    /// time after it once it is due.
    /// </summary>
    public static OccurrencePlan Plan(ScheduleState state, Schedule schedule, DateTimeOffset now, DateTimeOffset horizon)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (state.ScheduleTime is { } scheduled && scheduled > now && state.DeferredTime is null)
        {
            // Not due yet, nothing waiting: only arming ahead can apply. The common case when every job is armed
            // ahead, so it allocates nothing it does not return.
            return state.Outstanding == 0 && scheduled <= horizon
                ? new OccurrencePlan([new PlannedFire(scheduled, ExecutionTrigger.Scheduled)], [], [], null, schedule.GetNextOccurrence(scheduled))
                : new OccurrencePlan([], [], [], null, scheduled);
        }

        var first = state.ScheduleTime ?? now;

        // A window stored before the API bounded it (issue 10) is taken at the bound, so now - window stays in range.
        var window = state.CatchUpWindow < BelfrySettings.MaxCatchUpWindow ? state.CatchUpWindow : BelfrySettings.MaxCatchUpWindow;
        var lookback = window > MissedLookback ? window : MissedLookback;
        var from = first > now - lookback ? first : now - lookback;

        var onTime = new List<DateTimeOffset>();
        var recentLate = new Queue<DateTimeOffset>(); // the most recent LateKept late times, oldest first
        var lateCount = 0L;
        foreach (var time in schedule.GetOccurrences(from, now))
        {
            if (time > now - MisfireThreshold)
            {
                onTime.Add(time);
                continue;
            }

            lateCount++;
            if (recentLate.Count == LateKept)
            {
                recentLate.Dequeue();
            }

            recentLate.Enqueue(time);
        }

        var late = recentLate.ToList();
        var windowStart = now - window;
        var fires = new List<PlannedFire>();
        var missed = new List<DateTimeOffset>();
        switch (state.CatchUp)
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
                // The times in the window are the most recent late ones, so the fires are a tail of the list.
                var inWindow = late.Where(t => t >= windowStart).TakeLast(MaxCatchUpFires).ToList();
                fires.AddRange(inWindow.Select(t => new PlannedFire(t, ExecutionTrigger.CatchUp)));
                missed.AddRange(late.Take(late.Count - inWindow.Count));
                break;
            default:
                missed.AddRange(late);
                break;
        }

        var lateFired = fires.Count;
        fires.AddRange(onTime.Select(t => new PlannedFire(t, ExecutionTrigger.Scheduled)));
        var (toFire, skipped, deferred) = ApplyOverlap(state.Overlap, fires, state.Outstanding, state.DeferredTime);
        if (missed.Count > MaxMissedRecords)
        {
            missed.RemoveRange(0, missed.Count - MaxMissedRecords);
        }

        var next = first > now ? first : schedule.GetNextOccurrence(now);
        if (toFire.Count == 0 && deferred is null && state.Outstanding == 0 && next is { } upcoming && upcoming <= horizon)
        {
            toFire.Add(new PlannedFire(upcoming, ExecutionTrigger.Scheduled));
            next = schedule.GetNextOccurrence(upcoming);
        }

        return new OccurrencePlan(toFire, skipped, missed, deferred, next) { MissedNotRecorded = lateCount - lateFired - missed.Count };
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
