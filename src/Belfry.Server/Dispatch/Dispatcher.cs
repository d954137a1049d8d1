using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Retries;
using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>
/// One dispatch cycle (STYLE, "Time and the dispatcher"): plan jobs due by now + <see cref="DispatchOptions.Lookahead"/>
/// (their executions come back claimed and wait here, armed, until their time), claim other due attempts (retries,
/// manual runs, pipeline steps), and say when the next thing is due. Waiting lives in <see cref="DispatcherService"/>.
/// Armed executions are started by their own timer at their schedule time, and as sends finish and free a slot,
/// so no store work stands between a due time and its request.
/// </summary>
internal sealed class Dispatcher(
    IJobStore store,
    AttemptSender sender,
    AttemptRecorder recorder,
    ScheduleCache schedules,
    DispatchSignal signal,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<Dispatcher> logger) : IDisposable
{
    private const int MaxPlanRounds = 100;
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);
    private readonly DispatchOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private readonly Lock _armedLock = new();
    private PriorityQueue<ClaimedAttempt, DateTimeOffset> _armed = new();

    // The latest change told per job, with the cycle in which it was taken: kept for two cycles, since a plan that
    // read the job before the change may queue its claim after the change was taken.
    private readonly Dictionary<JobName, (JobChange Change, long Cycle)> _changes = [];
    private long _cycle;
    private ITimer? _armedTimer;
    private CancellationToken _stopping;
    private int _sending;

    /// <summary>Executions planned ahead and claimed, waiting for their schedule time (or for a free slot).</summary>
    public int Armed
    {
        get
        {
            lock (_armedLock)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>Every send slot is taken (<see cref="DispatchOptions.MaxInFlight"/> requests awaiting an answer).</summary>
    public bool AtCapacity => Volatile.Read(ref _sending) >= _options.MaxInFlight;

    /// <summary>Runs one cycle at the current time and returns the next instant something is due.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        lock (_armedLock)
        {
            _cycle++;
            if (_changes.Count > 0)
            {
                foreach (var job in _changes.Where(c => c.Value.Cycle < _cycle - 1).Select(c => c.Key).ToList())
                {
                    _changes.Remove(job);
                }
            }
        }

        StartArmed();
        var now = time.GetUtcNow();
        var horizon = now + _options.Lookahead;

        // Plan a batch, then start and claim what is due before planning the next: with many jobs due at once the
        // first deliveries leave after one batch, not after all of them are planned.
        var drained = false;
        for (var round = 0; round < MaxPlanRounds && !drained; round++)
        {
            var planned = await store.PlanDueJobsAsync(now, horizon, _options.PlanBatchSize, _options.LeaseGrace, due => Plan(due, now, horizon), cancellationToken)
                .ConfigureAwait(false);
            lock (_armedLock)
            {
                TakeJobChanges();
                foreach (var fired in planned.Fired.Where(claim => !IsWithdrawn(claim)))
                {
                    _armed.Enqueue(fired, fired.Execution.ScheduleTime);
                }
            }

            drained = planned.Jobs < _options.PlanBatchSize;
            if (store is IPipelineStore pipelines)
            {
                // Pipelines start runs by the jobs' rules; a run's first steps are Pending executions claimed below.
                var runs = await pipelines.PlanDuePipelinesAsync(now, _options.PlanBatchSize, due => PlanPipeline(due, now), cancellationToken).ConfigureAwait(false);
                drained &= runs < _options.PlanBatchSize;
            }

            StartArmed();
            await ClaimAndStartAsync(now, cancellationToken).ConfigureAwait(false);
        }

        StartArmed();
        return NextWakeUp(await store.GetNextDueAsync(cancellationToken).ConfigureAwait(false), drained);
    }

    /// <summary>
    /// The next instant to run a cycle. A job's schedule time counts <see cref="DispatchOptions.Lookahead"/> early,
    /// unless it is already within the lookahead after a cycle that planned everything it could: then the job waits
    /// for its outstanding execution (whose end wakes the loop) or, failing that, for its time. Armed executions are
    /// not the loop's business: their timer starts them.
    /// </summary>
    private DateTimeOffset? NextWakeUp(NextDue due, bool drained)
    {
        var now = time.GetUtcNow();
        var next = due.Other;
        if (due.ScheduleTime is { } schedule)
        {
            var arm = schedule - _options.Lookahead;
            var jobs = arm > now || !drained ? arm : schedule > now ? schedule : now + MinWait;
            next = next is { } other && other < jobs ? other : jobs;
        }

        return next;
    }

    /// <summary>
    /// Starts the armed executions whose time has come, earliest first, while there are free slots, then sets the
    /// timer for the next one. Called by cycles, by the timer, and by every send that frees a slot.
    /// </summary>
    private void StartArmed()
    {
        lock (_armedLock)
        {
            // A job change told since the last cycle must not be sent by the timer before the loop sees it.
            TakeJobChanges();
            var now = time.GetUtcNow();
            while (!AtCapacity && _armed.TryPeek(out var claim, out var due) && due <= now)
            {
                _armed.Dequeue();
                if (claim.LeaseUntil <= now)
                {
                    // Waited past its lease for a slot: the store hands it out again (a takeover, higher epoch).
                    Log.ArmedLeaseExpired(logger, claim.Job.Name.FullName, claim.Execution.Id);
                    continue;
                }

                Start(claim, _stopping);
            }

            if (_armed.TryPeek(out _, out var next) && !AtCapacity)
            {
                _armedTimer ??= time.CreateTimer(_ => StartArmed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                var wait = next - now;
                _armedTimer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// Takes the job changes told since the last call (<see cref="JobChange"/>) and forgets the armed executions they
    /// withdrew from the store. Under the lock.
    /// </summary>
    private void TakeJobChanges()
    {
        var changes = signal.TakeJobChanges();
        if (changes.Count == 0)
        {
            return;
        }

        // Each change against what is queued (a delete followed by a create must still drop the old job's time);
        // only the latest per job is kept for claims queued later. A create withdraws nothing, and jobs are created
        // by the thousand, so only the changes that can withdraw anything cost a pass over the queue.
        var withdrawing = new Dictionary<JobName, List<JobChange>>();
        foreach (var change in changes.Where(c => c.Version > 0))
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(withdrawing, change.Job, out _) ??= []).Add(change);
        }

        if (withdrawing.Count > 0 && _armed.Count > 0)
        {
            var kept = new List<(ClaimedAttempt, DateTimeOffset)>(_armed.Count);
            foreach (var (claim, due) in _armed.UnorderedItems)
            {
                if (!withdrawing.TryGetValue(claim.Job.Name, out var jobChanges) || !jobChanges.Exists(c => Withdraws(c, claim)))
                {
                    kept.Add((claim, due));
                }
            }

            if (kept.Count != _armed.Count)
            {
                _armed = new PriorityQueue<ClaimedAttempt, DateTimeOffset>(kept);
            }
        }

        foreach (var change in changes)
        {
            _changes[change.Job] = (change, _cycle);
        }
    }

    /// <summary>Whether a change taken since <paramref name="claim"/>'s plan withdrew it from the store. Under the lock.</summary>
    private bool IsWithdrawn(ClaimedAttempt claim) => _changes.TryGetValue(claim.Job.Name, out var taken) && Withdraws(taken.Change, claim);

    private static bool Withdraws(JobChange change, ClaimedAttempt claim) =>
        claim.Job.Version < change.Version && claim.Execution.ScheduleTime > change.At;

    private async Task ClaimAndStartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var capacity = _options.MaxInFlight - Volatile.Read(ref _sending);
        if (capacity <= 0)
        {
            return;
        }

        var claims = await store.ClaimDueAttemptsAsync(now, capacity, _options.LeaseGrace, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            Start(claim, cancellationToken);
        }
    }

    private void Start(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sending);
        var key = $"{claim.Execution.Id}/{claim.Epoch}/{claim.AttemptNumber}";
        var delivery = DeliverAsync(claim, cancellationToken);
        _inFlight[key] = delivery;

        // Removed by a continuation, not inside DeliverAsync: a delivery that finishes before this line has
        // stored it would otherwise leave a completed entry behind for good.
        _ = delivery.ContinueWith(
            task => _inFlight.TryRemove(KeyValuePair.Create(key, task)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A send finished: its slot goes to the next armed execution that is due, without waiting for a cycle.</summary>
    private void ReleaseSlot()
    {
        Interlocked.Decrement(ref _sending);
        StartArmed();
    }

    public void Dispose() => _armedTimer?.Dispose();

    /// <summary>Completes when every delivery started so far has been sent and recorded.</summary>
    public async Task WhenIdleAsync()
    {
        while (_inFlight.Values.Where(t => !t.IsCompleted).ToArray() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private OccurrencePlan Plan(DueJob due, DateTimeOffset now, DateTimeOffset horizon)
    {
        try
        {
            var plan = OccurrencePlanner.Plan(due, schedules.Get(due.Job.Schedule, due.Job.TimeZone), now, horizon);
            if (plan.MissedNotRecorded > 0)
            {
                Log.MissedNotRecorded(logger, due.Job.Name.FullName, plan.MissedNotRecorded, OccurrencePlanner.MaxMissedRecords);
            }

            return plan;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A schedule that no longer evaluates (say, a zone removed from tzdata) must not stall the others, nor
            // leave this job enabled with no time: the store marks it UPDATE_FAILED until it is updated.
            Log.PlanFailed(logger, due.Job.Name.FullName, e);
            return OccurrencePlan.Failed(PlanFailure(e));
        }
    }

    private OccurrencePlan PlanPipeline(DuePipeline due, DateTimeOffset now)
    {
        try
        {
            return PipelineSchedulePlanner.Plan(due, schedules.Get(due.Pipeline.Schedule, due.Pipeline.TimeZone), now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.PlanFailed(logger, due.Pipeline.Name.FullName, e);
            return OccurrencePlan.Failed(PlanFailure(e));
        }
    }

    private static string PlanFailure(Exception e) =>
        $"Belfry could not plan the schedule ({e.GetType().Name}); update the job to enable it again.";

    private async Task DeliverAsync(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var job = claim.Job;
        var executionId = claim.Execution.Id;
        try
        {
            AttemptOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(claim, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The slot bounds requests awaiting an answer; recording (a group commit) happens outside it.
                ReleaseSlot();
            }

            if (outcome.Succeeded)
            {
                Log.AttemptSucceeded(logger, job.Name.FullName, executionId, claim.AttemptNumber, outcome.StatusCode!.Value, outcome.Duration.TotalMilliseconds);
            }
            else if (outcome.StatusCode is { } code)
            {
                Log.AttemptAnswered(logger, job.Name.FullName, executionId, claim.AttemptNumber, code, outcome.Duration.TotalMilliseconds);
            }
            else
            {
                Log.AttemptFailed(logger, job.Name.FullName, executionId, claim.AttemptNumber, outcome.Error ?? "");
            }

            var now = time.GetUtcNow();
            var firstAttempt = claim.Execution.FirstAttemptTime ?? outcome.StartTime;
            var next = outcome.Succeeded ? null : Backoff.NextAttemptTime(job.RetryConfig, claim.AttemptNumber, firstAttempt, now);
            var result = new AttemptResult(
                executionId, job.Name, claim.AttemptNumber, claim.Epoch, outcome.StartTime, outcome.Duration,
                outcome.StatusCode, outcome.Error, outcome.Succeeded, next, AttemptStatus.From(outcome), now);
            if (!await recorder.RecordAsync(result).ConfigureAwait(false))
            {
                Log.AttemptFenced(logger, job.Name.FullName, executionId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the attempt stays claimed; its lease expires (or start-up recovery frees it) and it is retried.
        }
        catch (Exception e)
        {
            Log.RecordFailed(logger, job.Name.FullName, executionId, claim.AttemptNumber, e);
        }
        finally
        {
            signal.Wake();
        }
    }
}
