using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Alerts;

/// <summary>
/// The dead-man's switch, without I/O (docs/notifications.md, "Missed runs"). Every scheduled time t after the
/// job's clock start (<c>Job.MissedRunSince</c>: creation, resume, or a change of schedule, zone or deadline) must
/// see a succeeded execution scheduled at or after t finish by t + deadline. Times come from the schedule, not from
/// executions, so a time the server slept through counts like any other.
/// <list type="bullet">
/// <item>A time that passes its deadline unconfirmed opens a missed-run alert (one message, however many times the
/// same pass finds missed: an outage is one alert naming the first and last time and how many).</item>
/// <item>While the alert is open, later misses raise nothing more (as Healthchecks.io's "down").</item>
/// <item>A success scheduled at or after the first missed time resolves it (one message), even one that came too
/// late for its own deadline (then the alert and its resolution go out together).</item>
/// </list>
/// </summary>
internal static class MissedRunPlanner
{
    /// <summary>Scheduled times looked at per job and pass; the rest wait for the next pass.</summary>
    public const int MaxStepsPerPass = 1000;

    /// <summary>Missed times counted one by one in an outage; beyond this the count is a lower bound.</summary>
    public const int MaxCounted = 10_000;

    /// <summary>The clock start of <paramref name="job"/>: its <c>MissedRunSince</c>, else its last user update.</summary>
    public static DateTimeOffset ClockStart(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.MissedRunSince ?? job.UserUpdateTime;
    }

    /// <summary>The earliest schedule time of the successes the decision needs (the store lists those from here).</summary>
    public static DateTimeOffset SuccessesFrom(Job job, JobWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var since = ClockStart(job);
        var from = watch.Since == since && watch.Watermark is { } watermark ? watermark : since;
        return watch.MissedFrom is { } missed && missed < from ? missed : from;
    }

    public static MissedRunDecision Evaluate(MissedRunCheck check, Schedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(schedule);
        var job = check.Job;
        var deadline = job.Belfry.MissedRunDeadline ?? throw new ArgumentException("The job has no missed-run deadline.", nameof(check));
        var since = ClockStart(job);
        var successes = check.Successes;
        var events = new List<NotificationEvent>();
        var missedFrom = check.Watch.MissedFrom;

        // An open alert resolves with any success scheduled at or after its first missed time.
        if (missedFrom is { } openSince && successes.FirstOrDefault(s => s.ScheduleTime >= openSince) is { } rescue)
        {
            events.Add(Resolved(job, rescue, now));
            missedFrom = null;
        }

        var t = check.Watch.Since == since ? check.Watch.Watermark : schedule.GetNextOccurrence(since);
        Outage? outage = null;
        for (var step = 0; step < MaxStepsPerPass && t is { } occurrence; step++)
        {
            if (check.Truncated && successes.Count > 0 && occurrence > successes[^1].ScheduleTime)
            {
                break;
            }

            if (successes.FirstOrDefault(s => s.ScheduleTime >= occurrence && s.FinishTime <= occurrence + deadline) is { } confirmed)
            {
                Flush(ref outage, events, job, deadline, now);
                if (missedFrom is not null)
                {
                    events.Add(Resolved(job, confirmed, now));
                    missedFrom = null;
                }

                t = schedule.GetNextOccurrence(occurrence);
                continue;
            }

            if (occurrence + deadline > now)
            {
                break;
            }

            // Missed. When no success is scheduled at or after it, none can confirm a later time either, so every
            // time whose deadline has passed is missed too: count them and jump, rather than step through an outage.
            var count = 1;
            var last = occurrence;
            if (!successes.Any(s => s.ScheduleTime >= occurrence))
            {
                count = 0;
                foreach (var missed in schedule.GetOccurrences(occurrence, now - deadline).Take(MaxCounted))
                {
                    count++;
                    last = missed;
                }

                t = schedule.GetNextOccurrence(now - deadline);
            }
            else
            {
                t = schedule.GetNextOccurrence(occurrence);
            }

            if (missedFrom is null)
            {
                missedFrom = occurrence;
                outage = new Outage(occurrence, last, count);
            }
            else if (outage is { } open)
            {
                outage = open with { Last = last, Count = open.Count + count };
            }
        }

        Flush(ref outage, events, job, deadline, now);

        // A success that came after its time's deadline: the alert just raised (or still open) resolves with it.
        if (missedFrom is { } missedSince && successes.FirstOrDefault(s => s.ScheduleTime >= missedSince) is { } late)
        {
            events.Add(Resolved(job, late, now));
            missedFrom = null;
        }

        var next = t is { } watermark ? watermark + deadline : (DateTimeOffset?)null;
        return new MissedRunDecision(new JobWatch(since, t, missedFrom), next, events);
    }

    private static void Flush(ref Outage? outage, List<NotificationEvent> events, Job job, TimeSpan deadline, DateTimeOffset now)
    {
        if (outage is not { } missed)
        {
            return;
        }

        events.Add(new NotificationEvent
        {
            Kind = NotificationEventKind.MissedRun,
            Time = now,
            Job = job.Name,
            TimeZone = job.TimeZone,
            ScheduleTime = missed.First,
            FirstMissed = missed.First,
            LastMissed = missed.Last,
            MissedCount = missed.Count,
            Deadline = deadline,
        });
        outage = null;
    }

    private static NotificationEvent Resolved(Job job, SucceededRun success, DateTimeOffset now) => new()
    {
        Kind = NotificationEventKind.MissedRunResolved,
        Time = now,
        Job = job.Name,
        TimeZone = job.TimeZone,
        ScheduleTime = success.ScheduleTime,
        Deadline = job.Belfry.MissedRunDeadline,
    };

    private readonly record struct Outage(DateTimeOffset First, DateTimeOffset Last, int Count);
}
