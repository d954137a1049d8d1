using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;

namespace Belfry.LoadBench.Retention;

/// <summary>
/// The rows of the retention-year workload made through the real store at the start, before any history: the
/// per-second job's two outstanding executions (one claimed and never answered, one never claimed), and a second job
/// that succeeded once and then failed once, and never ran again. Whatever their age, retention must keep both
/// outstanding executions and that job's success (its newest, which the missed-run watcher reads), and must delete
/// its failure once it is older than the age.
/// </summary>
internal sealed class KeptExecutions
{
    private KeptExecutions(string running, string pending, string success, string failure, DateTimeOffset failureFinish) =>
        (Running, Pending, Success, Failure, FailureFinish) = (running, pending, success, failure, failureFinish);

    public string Running { get; }

    public string Pending { get; }

    public string Success { get; }

    public string Failure { get; }

    public DateTimeOffset FailureFinish { get; }

    /// <summary>The rows made here that retention keeps at <paramref name="cutoff"/>: all four until the failure is older.</summary>
    public long KeptAt(DateTimeOffset cutoff) => FailureFinish >= cutoff ? 4 : 3;

    public static async Task<KeptExecutions> CreateAsync(SqliteStores stores, JobName perSecond, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stopped = perSecond.Parent.Job("stopped-succeeding");
        await stores.Jobs.CreateJobAsync(NewJob(stopped, "0 3 1 1 *", at), cancellationToken);
        var success = await FinishAsync(stores, stopped, at, succeeded: true, cancellationToken);
        var failureFinish = at.AddSeconds(1);
        var failure = await FinishAsync(stores, stopped, at, succeeded: false, cancellationToken);

        var running = (await stores.Jobs.CreateManualExecutionAsync(perSecond, at, cancellationToken)).Id;
        _ = Single(await stores.Queue.ClaimDueAttemptsAsync(at, 1, TimeSpan.FromSeconds(30), cancellationToken), running);
        var pending = (await stores.Jobs.CreateManualExecutionAsync(perSecond, at, cancellationToken)).Id;
        return new KeptExecutions(running, pending, success, failure, failureFinish);
    }

    public static Job NewJob(JobName name, string schedule, DateTimeOffset at) => new()
    {
        Name = name,
        Schedule = schedule,
        HttpTarget = new HttpTarget($"http://127.0.0.1:9/{name.JobId}", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
        UserUpdateTime = at,
    };

    /// <summary>What is wrong with the rows made here at <paramref name="cutoff"/>: one that must stay is gone, or the failure outstayed the age.</summary>
    public async Task<List<string>> ProblemsAsync(SimulatedJobHistory history, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (id, what) in new[] { (Running, "the outstanding (running) execution"), (Pending, "the outstanding (pending) execution"), (Success, "stopped-succeeding's newest success") })
        {
            if (await history.ScalarAsync($"SELECT count(*) FROM executions WHERE id = '{id}'", cancellationToken) != 1)
            {
                problems.Add($"{what} was deleted");
            }
        }

        var failureKept = await history.ScalarAsync($"SELECT count(*) FROM executions WHERE id = '{Failure}'", cancellationToken) == 1;
        if (failureKept != FailureFinish >= cutoff)
        {
            problems.Add(failureKept ? "stopped-succeeding's failure outstayed the age" : "stopped-succeeding's failure was deleted before its age");
        }

        return problems;
    }

    private static async Task<string> FinishAsync(SqliteStores stores, JobName job, DateTimeOffset at, bool succeeded, CancellationToken cancellationToken)
    {
        var id = (await stores.Jobs.CreateManualExecutionAsync(job, at, cancellationToken)).Id;
        var claim = Single(await stores.Queue.ClaimDueAttemptsAsync(at, 1, TimeSpan.FromSeconds(30), cancellationToken), id);
        var status = succeeded ? new JobStatus(0, "") : new JobStatus(14, "The target answered HTTP 503.");
        var recorded = await stores.Queue.RecordAttemptAsync(new AttemptResult(
            id, job, claim.AttemptNumber, claim.Epoch, at, TimeSpan.FromSeconds(1), succeeded ? 200 : 503, succeeded ? null : "HTTP 503", succeeded, null,
            status, at.AddSeconds(1)), cancellationToken);
        return recorded ? id : throw new InvalidOperationException($"the attempt of {id} was not recorded");
    }

    private static ClaimedAttempt Single(IReadOnlyList<ClaimedAttempt> claims, string id) =>
        claims is [var claim] && claim.Execution.Id == id ? claim : throw new InvalidOperationException($"expected to claim {id} alone");
}
