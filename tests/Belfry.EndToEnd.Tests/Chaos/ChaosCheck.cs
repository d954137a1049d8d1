using Belfry.Contracts.Executions;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>
/// The rules of issue 12, point 5, over what the target logged and what the store lists: every (job, second) of the
/// window delivered at least once; a second delivery only under a lease taken over (same execution, higher epoch than
/// the delivery before it); and the store's executions and attempts match the deliveries.
/// </summary>
internal static class ChaosCheck
{
    public static ChaosReport Check(
        ChaosWindow window,
        IReadOnlyCollection<string> jobs,
        IReadOnlyList<Delivery> log,
        IReadOnlyDictionary<string, IReadOnlyList<ExecutionResource>> executionsByJob)
    {
        var problems = new List<string>();
        var jobSet = jobs.ToHashSet(StringComparer.Ordinal);
        var deliveries = log.Where(d => jobSet.Contains(d.Job) && window.Contains(d.ScheduleTime)).ToList();
        var byPair = deliveries.ToLookup(d => (d.Job, d.ScheduleTime));
        var byExecution = deliveries.ToLookup(d => d.Execution, StringComparer.Ordinal);

        var delivered = 0;
        foreach (var job in jobs)
        {
            foreach (var time in window.Times)
            {
                if (byPair.Contains((job, time)))
                {
                    delivered++;
                }
                else
                {
                    problems.Add($"never delivered: {job} {time:O}");
                }
            }
        }

        var repeated = 0;
        foreach (var pair in byPair.Where(p => p.Count() > 1))
        {
            repeated++;
            CheckRepeat(pair.Key, pair.ToList(), problems);
        }

        var (storeExecutions, storeAttempts, unrecorded) = CheckStore(window, jobs, executionsByJob, byExecution, problems);
        var known = executionsByJob.Values.SelectMany(e => e).Select(ExecutionId).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(byExecution.Where(e => !known.Contains(e.Key))
            .Select(e => $"delivered but unknown to the store: execution {e.Key} ({e.First().Job} {e.First().ScheduleTime:O})"));

        return new ChaosReport
        {
            Jobs = jobs.Count,
            Seconds = window.Seconds,
            Deliveries = deliveries.Count,
            DeliveredPairs = delivered,
            RepeatedPairs = repeated,
            TakenOverDeliveries = deliveries.Count(d => d.Epoch > 1),
            MaxEpoch = deliveries.Count == 0 ? 0 : deliveries.Max(d => d.Epoch),
            StoreExecutions = storeExecutions,
            StoreAttempts = storeAttempts,
            UnrecordedDeliveries = unrecorded,
            Problems = problems,
        };
    }

    public static string ExecutionId(ExecutionResource execution) => execution.Name![(execution.Name!.LastIndexOf('/') + 1)..];

    // A pair delivered again is one execution whose lease ran out and was claimed anew: each delivery in arrival order
    // carries a higher epoch than the one before. Two executions for one pair were planned twice; two deliveries under
    // one epoch were sent twice by one claim.
    private static void CheckRepeat((string Job, DateTimeOffset Time) pair, List<Delivery> deliveries, List<string> problems)
    {
        var executions = deliveries.Select(d => d.Execution).Distinct(StringComparer.Ordinal).ToList();
        if (executions.Count > 1)
        {
            problems.Add($"planned twice: {pair.Job} {pair.Time:O} delivered as executions {string.Join(", ", executions)}");
            return;
        }

        var ordered = deliveries.OrderBy(d => d.Sequence).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Epoch <= ordered[i - 1].Epoch)
            {
                problems.Add($"delivered again without a takeover: {pair.Job} {pair.Time:O} execution {executions[0]}, " +
                    $"epoch {ordered[i - 1].Epoch} then {ordered[i].Epoch}");
            }
        }
    }

    private static (int Executions, int Attempts, int Unrecorded) CheckStore(
        ChaosWindow window,
        IReadOnlyCollection<string> jobs,
        IReadOnlyDictionary<string, IReadOnlyList<ExecutionResource>> executionsByJob,
        ILookup<string, Delivery> byExecution,
        List<string> problems)
    {
        var (executions, attempts, unrecorded) = (0, 0, 0);
        foreach (var job in jobs)
        {
            var inWindow = executionsByJob.TryGetValue(job, out var all)
                ? all.Where(e => e.Trigger != "MANUAL" && e.ScheduleTime is { } t && window.Contains(t)).ToList()
                : [];
            problems.AddRange(inWindow.GroupBy(e => e.ScheduleTime).Where(g => g.Count() > 1)
                .Select(g => $"store has {g.Count()} executions for {job} {g.Key:O}"));
            foreach (var execution in inWindow)
            {
                executions++;
                attempts += execution.Attempts.Count;
                unrecorded += CheckExecution(job, execution, byExecution[ExecutionId(execution)].ToList(), problems);
            }
        }

        return (executions, attempts, unrecorded);
    }

    // Returns how many deliveries of the execution the store has no attempt for.
    private static int CheckExecution(string job, ExecutionResource execution, List<Delivery> deliveries, List<string> problems)
    {
        var id = ExecutionId(execution);
        var what = $"{job} {execution.ScheduleTime:O} execution {id}";
        if (execution.State != "SUCCEEDED")
        {
            problems.Add($"not succeeded in the store: {what} is {execution.State}");
        }

        if (deliveries.Count == 0)
        {
            problems.Add($"in the store but never delivered: {what}");
            return 0;
        }

        if (deliveries.Any(d => d.Job != job || d.ScheduleTime != execution.ScheduleTime))
        {
            problems.Add($"delivered for another (job, second) than the store says: {what}");
        }

        foreach (var attempt in execution.Attempts.Where(a => !deliveries.Any(d => d.Attempt == a.Number && d.Epoch == a.Epoch)))
        {
            problems.Add($"recorded attempt {attempt.Number} (epoch {attempt.Epoch}) never reached the target: {what}");
        }

        var newest = deliveries.Max(d => d.Epoch);
        if (execution.Attempts.FirstOrDefault(a => a.Succeeded) is { } success && success.Epoch != newest)
        {
            problems.Add($"the store's success has epoch {success.Epoch}, the newest delivery {newest}: {what}");
        }

        // A delivery the store has no attempt for is a result that died with its node; the lease then ran out and the
        // execution was sent again under a higher epoch. Without that later delivery it was simply not recorded.
        var unrecorded = deliveries.Where(d => !execution.Attempts.Any(a => a.Number == d.Attempt && a.Epoch == d.Epoch)).ToList();
        foreach (var lost in unrecorded.Where(d => d.Epoch == newest))
        {
            problems.Add($"delivered (attempt {lost.Attempt}, epoch {lost.Epoch}) but not recorded, and not taken over: {what}");
        }

        return unrecorded.Count;
    }
}
