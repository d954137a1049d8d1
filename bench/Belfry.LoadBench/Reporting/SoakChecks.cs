using System.Globalization;
using Belfry.LoadBench.Runs;
using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Reporting;

/// <summary>
/// The soak's end checks, over the store the child left (<see cref="SoakStore"/>) and every request the targets saw
/// (<see cref="SoakLog"/>). A job's executions are deleted with it, so the churn jobs deleted during the soak are in no
/// check but the duplicates one.
/// </summary>
internal static class SoakChecks
{
    /// <summary>How long after its time a control job's execution may still be waiting (a hanging attempt holds its job 15 s).</summary>
    public const int FireGraceSeconds = 45;
    public const double MaxRssGrowth = 0.10;
    public const double MaxBytesPerRowGrowth = 0.25;

    public sealed record Deliveries(long LostAttempts, long LostSuccesses, long LeaseTakeovers, long Duplicates);

    public sealed record Notices(long Delivered, long Lost, long Duplicates, long GivenUp, long Unfinished, long Throttled, long SentDuringRetryAfter);

    /// <summary>
    /// Every attempt the store recorded reached a target (same execution and attempt number), and every execution it
    /// calls succeeded was answered 2xx. A request repeated under the same epoch, or after its execution's success
    /// under no higher epoch, is a duplicate; under a higher epoch it is a lease takeover.
    /// </summary>
    public static Deliveries CheckDeliveries(List<SoakStore.Execution> executions, List<SoakStore.Attempt> attempts, List<SoakArrival> arrivals)
    {
        // A redirected request arrives twice, at the redirecting target and where it points: the second is the delivery.
        var sent = arrivals.Where(a => a.Target != "hook" && a.ExecutionId is not null).Select(a => (a.ExecutionId!, a.Attempt)).ToHashSet();
        var requests = arrivals.Where(a => a.Target is not ("hook" or "redirect") && a.ExecutionId is not null).ToList();
        var answered = requests.Where(a => a.Answer is >= 200 and < 300).Select(a => a.ExecutionId!).ToHashSet();
        var lostAttempts = attempts.LongCount(a => !sent.Contains((a.ExecutionId, a.Number)));
        var lostSuccesses = executions.LongCount(e => e.State == SoakStore.Succeeded && !answered.Contains(e.Id));

        long takeovers = 0, duplicates = 0;
        foreach (var execution in requests.GroupBy(a => a.ExecutionId!))
        {
            var seen = new HashSet<(int, long)>();
            var attemptEpochs = new Dictionary<int, long>();
            long? succeededEpoch = null;
            foreach (var request in execution.OrderBy(a => a.ReceivedUtcTicks))
            {
                if (!seen.Add((request.Attempt, request.Epoch)) || (succeededEpoch is { } won && request.Epoch <= won))
                {
                    duplicates++;
                }
                else if (succeededEpoch is not null || attemptEpochs.ContainsKey(request.Attempt))
                {
                    takeovers++;
                }

                attemptEpochs[request.Attempt] = request.Epoch;
                succeededEpoch ??= request.Answer is >= 200 and < 300 ? request.Epoch : null;
            }
        }

        return new Deliveries(lostAttempts, lostSuccesses, takeovers, duplicates);
    }

    /// <summary>Every multiple of a control job's period after it was created, up to the end of the load less the grace, has an execution.</summary>
    public static (long Checked, long Missing, List<string> Examples) CheckFires(SoakChildResult soak, List<SoakStore.Execution> executions)
    {
        var times = executions.Select(e => (e.JobId, e.ScheduleUnix)).ToHashSet();
        var (checkedFires, missing, examples) = (0L, 0L, new List<string>());
        foreach (var job in soak.ControlJobs)
        {
            for (var t = (job.FromUnix / job.PeriodSeconds + 1) * job.PeriodSeconds; t <= soak.LoadEndUnix - FireGraceSeconds; t += job.PeriodSeconds)
            {
                checkedFires++;
                if (!times.Contains((job.JobId, t)))
                {
                    missing++;
                    if (examples.Count < 5)
                    {
                        examples.Add(string.Create(CultureInfo.InvariantCulture, $"{job.JobId} at {DateTimeOffset.FromUnixTimeSeconds(t):HH:mm:ss}"));
                    }
                }
            }
        }

        return (checkedFires, missing, examples);
    }

    /// <summary>(job, scheduled time) pairs with more than one execution: planned twice.</summary>
    public static long DoublePlanned(List<SoakStore.Execution> executions) =>
        executions.GroupBy(e => (e.JobId, e.ScheduleUnix)).LongCount(g => g.Count() > 1);

    /// <summary>
    /// Every notification the store calls delivered was answered 2xx by the webhook, once; none given up or left over.
    /// Also counts the 429s and the requests that came while the channel had asked to wait.
    /// </summary>
    public static Notices CheckNotifications(List<SoakStore.Notification> rows, List<SoakArrival> arrivals)
    {
        var hook = arrivals.Where(a => a.Target == "hook").OrderBy(a => a.ReceivedUtcTicks).ToList();
        var accepted = hook.Where(a => a.Answer is >= 200 and < 300 && a.EventId is not null).GroupBy(a => a.EventId!).ToDictionary(g => g.Key, g => g.Count());
        var delivered = rows.Where(r => r.State == SoakStore.NotificationDelivered).ToList();
        var lost = delivered.LongCount(r => !accepted.ContainsKey(r.Id));
        var duplicates = accepted.Values.Sum(n => (long)n - 1);
        var givenUp = rows.LongCount(r => r.State > SoakStore.NotificationDelivered);
        var unfinished = rows.LongCount(r => r.State < SoakStore.NotificationDelivered);

        var pause = TimeSpan.FromSeconds(SoakTargets.RetryAfterSeconds).Ticks;
        long throttled = 0, during = 0, pausedUntil = long.MinValue;
        foreach (var request in hook)
        {
            during += request.ReceivedUtcTicks < pausedUntil ? 1 : 0;
            if (request.Answer == StatusCodes.Status429TooManyRequests)
            {
                throttled++;
                pausedUntil = request.ReceivedUtcTicks + pause;
            }
        }

        return new Notices(delivered.Count, lost, duplicates, givenUp, unfinished, throttled, during);
    }
}
