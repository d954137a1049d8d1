using Belfry.Contracts.Executions;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>The chaos rules on small hand-made logs, so each way a run can break them is known to be caught.</summary>
public sealed class ChaosCheckTests
{
    private static readonly ChaosWindow Window = new(new DateTimeOffset(2027, 1, 2, 6, 0, 0, TimeSpan.Zero), 3);
    private static readonly string[] Jobs = ["a", "b"];

    [Fact]
    public void Check_EverySecondOnceAndRecorded_NoProblems()
    {
        var (log, store) = Clean();

        var report = Check(log, store);

        Assert.Empty(report.Problems);
        Assert.Equal((6, 6, 6, 0, 6), (report.ExpectedPairs, report.DeliveredPairs, report.StoreExecutions, report.RepeatedPairs, report.StoreAttempts));
    }

    [Fact]
    public void Check_SecondNeverDelivered_Named()
    {
        var (log, store) = Clean();
        log.RemoveAll(d => d.Job == "b" && d.ScheduleTime == Window.Start.AddSeconds(1));

        var report = Check(log, store);

        Assert.Equal(5, report.DeliveredPairs);
        Assert.Contains(report.Problems, p => p.StartsWith("never delivered: b 2027-01-02T06:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TakenOverWithHigherEpoch_AllowedAndCounted()
    {
        var (log, store) = Clean();
        var time = Window.Start.AddSeconds(2);

        // The dying node sent attempt 1 and never recorded it; another node took the lease over as attempt 2, epoch 2.
        log.Add(new Delivery(100, "a", time, "a-2", 2, 2));
        store["a"][2].Attempts = [Attempt(2, 2)];
        store["a"][2].Epoch = 2;

        var report = Check(log, store);

        Assert.Empty(report.Problems);
        Assert.Equal((1, 1, 2L, 1), (report.RepeatedPairs, report.TakenOverDeliveries, report.MaxEpoch, report.UnrecordedDeliveries));
    }

    [Fact]
    public void Check_SentTwiceUnderOneEpoch_Refused()
    {
        var (log, store) = Clean();
        log.Add(new Delivery(100, "a", Window.Start, "a-0", 1, 1));

        var report = Check(log, store);

        Assert.Contains(report.Problems, p => p.StartsWith("delivered again without a takeover: a", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SecondPlannedTwice_RefusedOnBothSides()
    {
        var (log, store) = Clean();
        log.Add(new Delivery(100, "a", Window.Start, "a-0-again", 1, 1));
        store["a"].Add(Execution("a", "a-0-again", Window.Start, Attempt(1, 1)));

        var report = Check(log, store);

        Assert.Contains(report.Problems, p => p.StartsWith("planned twice: a", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("store has 2 executions for a", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_StoreDisagreesWithTheTarget_EachMismatchNamed()
    {
        var (log, store) = Clean();
        store["a"][0].State = "RUNNING";
        store["a"][1].Attempts = [Attempt(1, 1), Attempt(2, 2)];
        log.RemoveAll(d => d.Execution == "b-1");
        log.Add(new Delivery(100, "b", Window.Start.AddSeconds(1), "b-1-lost", 1, 1));

        var report = Check(log, store);

        Assert.Contains(report.Problems, p => p.StartsWith("not succeeded in the store: a 2027-01-02T06:00:00", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("recorded attempt 2 (epoch 2) never reached the target: a", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("in the store but never delivered: b", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("delivered but unknown to the store: execution b-1-lost", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DeliveredButNeverRecordedNorTakenOver_Refused()
    {
        var (log, store) = Clean();
        store["b"][2].Attempts = [];

        var report = Check(log, store);

        Assert.Contains(report.Problems, p => p.StartsWith("delivered (attempt 1, epoch 1) but not recorded, and not taken over: b", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_OutsideTheWindow_Ignored()
    {
        var (log, store) = Clean();
        log.Add(new Delivery(100, "a", Window.End, "a-late", 1, 1));
        log.Add(new Delivery(101, "a", Window.Start.AddSeconds(-1), "a-early", 1, 1));
        log.Add(new Delivery(102, "other", Window.Start, "other-0", 1, 1));

        Assert.Empty(Check(log, store).Problems);
    }

    private static ChaosReport Check(List<Delivery> log, Dictionary<string, List<ExecutionResource>> store) =>
        ChaosCheck.Check(Window, Jobs, log, store.ToDictionary(e => e.Key, e => (IReadOnlyList<ExecutionResource>)e.Value, StringComparer.Ordinal));

    // Each job delivered once a second, attempt 1 under epoch 1, and recorded so.
    private static (List<Delivery> Log, Dictionary<string, List<ExecutionResource>> Store) Clean()
    {
        var log = new List<Delivery>();
        var store = new Dictionary<string, List<ExecutionResource>>(StringComparer.Ordinal);
        foreach (var job in Jobs)
        {
            store[job] = [];
            foreach (var (time, second) in Window.Times.Select((t, s) => (t, s)))
            {
                log.Add(new Delivery(log.Count, job, time, $"{job}-{second}", 1, 1));
                store[job].Add(Execution(job, $"{job}-{second}", time, Attempt(1, 1)));
            }
        }

        return (log, store);
    }

    private static ExecutionResource Execution(string job, string id, DateTimeOffset time, params AttemptResource[] attempts) => new()
    {
        Name = $"projects/default/locations/local/jobs/{job}/executions/{id}",
        ScheduleTime = time,
        Trigger = "SCHEDULED",
        State = "SUCCEEDED",
        AttemptCount = attempts.Length,
        Epoch = attempts.Length == 0 ? 1 : attempts[^1].Epoch,
        Attempts = [.. attempts],
    };

    private static AttemptResource Attempt(int number, long epoch) => new() { Number = number, Epoch = epoch, StatusCode = 200, Succeeded = true };
}
