using System.Runtime.InteropServices;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Executions planned ahead and claimed, waiting for their schedule time (docs/semantics.md, "Arming ahead"). They
/// leave earliest first, through the <see cref="DeliveryRunner"/>, when their time comes (their own timer), when a
/// cycle passes, and whenever a send frees a slot; so no store work stands between a due time and its request. A job
/// changed through the API (<see cref="JobChange"/>) withdraws what was armed from its older version.
/// </summary>
/// <remarks>Logs under the <see cref="Dispatcher"/> category, as before the dispatcher was split.</remarks>
internal sealed class ArmedQueue : IDisposable
{
    private readonly DeliveryRunner _runner;
    private readonly LeaseKeeper _leases;
    private readonly DispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<Dispatcher> _logger;
    private readonly Lock _lock = new();
    private PriorityQueue<ClaimedAttempt, DateTimeOffset> _armed = new();

    // The latest change told per job, with the cycle in which it was taken: kept for two cycles, since a plan that
    // read the job before the change may queue its claim after the change was taken.
    private readonly Dictionary<JobName, (JobChange Change, long Cycle)> _changes = [];
    private long _cycle;
    private ITimer? _timer;
    private CancellationToken _stopping;

    public ArmedQueue(DeliveryRunner runner, LeaseKeeper leases, DispatchSignal signal, TimeProvider time, ILogger<Dispatcher> logger)
    {
        _runner = runner;
        _leases = leases;
        _signal = signal;
        _time = time;
        _logger = logger;

        // One delegate for the queue's life: a freed slot costs no allocation.
        runner.SlotFreed = StartDue;
    }

    /// <summary>How many executions wait here.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>
    /// A cycle begins: the changes taken two cycles ago are forgotten, and what starts from now on is cancelled by
    /// <paramref name="stopping"/> (the loop's token).
    /// </summary>
    public void BeginCycle(CancellationToken stopping)
    {
        _stopping = stopping;
        lock (_lock)
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
    }

    /// <summary>
    /// Queues what a plan fired, less what a job change told since that plan withdrew, and holds their leases
    /// (<see cref="LeaseKeeper"/>). Starts nothing.
    /// </summary>
    public void Arm(IEnumerable<ClaimedAttempt> fired)
    {
        lock (_lock)
        {
            TakeJobChanges();
            foreach (var claim in fired.Where(claim => !IsWithdrawn(claim)))
            {
                _leases.Hold(claim);
                _armed.Enqueue(claim, claim.Execution.ScheduleTime);
            }
        }
    }

    /// <summary>
    /// Starts the armed executions whose time has come, earliest first, while there are free slots, then sets the
    /// timer for the next one. Called by cycles, by the timer, and by every send that frees a slot.
    /// </summary>
    public void StartDue()
    {
        lock (_lock)
        {
            // A job change told since the last cycle must not be sent by the timer before the loop sees it.
            TakeJobChanges();
            var now = _time.GetUtcNow();
            var givenBack = false;
            while (!_runner.AtCapacity && _armed.TryPeek(out var claim, out var due) && due <= now)
            {
                _armed.Dequeue();
                if (!_leases.Holds(claim))
                {
                    // Waited past its lease for a slot (by the monotonic clock), or lost it. Never sent, so it is given
                    // back (fenced on its epoch: a lost one stays with its new holder) and the next cycle claims it
                    // again as the same attempt, not as a takeover that would use up a retry (issue 14, L12).
                    _leases.GiveBack(claim);
                    givenBack = true;
                    Log.ArmedLeaseExpired(_logger, claim.Job.Name.FullName, claim.Execution.Id);
                    continue;
                }

                _runner.Start(claim, _stopping);
            }

            if (givenBack)
            {
                _signal.Wake();
            }

            if (_armed.TryPeek(out _, out var next) && !_runner.AtCapacity)
            {
                _timer ??= _time.CreateTimer(_ => StartDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                var wait = next - now;
                _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// The node is stopping: everything still armed is taken out and queued to be given back
    /// (<see cref="LeaseKeeper.GiveBack"/>), so the next holder sends it at its time as the same attempt.
    /// </summary>
    public void GiveBackAll()
    {
        lock (_lock)
        {
            while (_armed.TryDequeue(out var claim, out _))
            {
                _leases.GiveBack(claim);
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Takes the job changes told since the last call (<see cref="JobChange"/>) and forgets the armed executions they
    /// withdrew from the store. Under the lock.
    /// </summary>
    private void TakeJobChanges()
    {
        var changes = _signal.TakeJobChanges();
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
                else
                {
                    _leases.Release(claim);
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
}
