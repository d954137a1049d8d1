using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Belfry.Server.Health;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>
/// One dispatch cycle (STYLE, "Time and the dispatcher"): plan jobs due by now + <see cref="DispatchOptions.Lookahead"/>
/// (their executions come back claimed and wait in the <see cref="ArmedQueue"/> until their time), claim other due
/// attempts (retries, manual runs, pipeline steps) and hand them to the <see cref="DeliveryRunner"/>, and say when the
/// next thing is due. Waiting lives in <see cref="DispatcherService"/>; the queue's timer and freed slots start armed
/// executions between cycles. Its clock is the <see cref="ClusterClock"/>, the node's corrected by its offset from the
/// database's; while that clock is off beyond the bound, or the store is degraded (<see cref="StoreHealth"/>), a cycle
/// plans and claims nothing.
/// </summary>
internal sealed class Dispatcher(
    IDispatchQueue store,
    ArmedQueue armed,
    DeliveryRunner runner,
    LeaseKeeper leases,
    ScheduleCache schedules,
    ClusterClock time,
    StoreHealth health,
    IOptions<DispatchOptions> options,
    ILogger<Dispatcher> logger)
{
    private const int MaxPlanRounds = 100;
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);
    private readonly DispatchOptions _options = options.Value;

    /// <summary>Executions planned ahead and claimed, waiting for their schedule time (or for a free slot).</summary>
    public int Armed => armed.Count;

    /// <summary>Every send slot is taken (<see cref="DispatchOptions.MaxInFlight"/> requests awaiting an answer).</summary>
    public bool AtCapacity => runner.AtCapacity;

    /// <summary>Runs one cycle at the current time and returns the next instant something is due.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        armed.BeginCycle(cancellationToken);
        armed.StartDue();

        // Before any claim: what this node holds is never among the expired leases it claims.
        var renewed = await leases.RenewDueAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        // Claims never sent go back before anything is claimed, so this cycle may claim them again as the same attempt.
        await leases.GiveBackUnsentAsync(cancellationToken).ConfigureAwait(false);
        if (time.Refusal is not null || health.IsDegraded)
        {
            // The clock is off beyond the bound (Cluster/NodeHeartbeatService), or the store takes no writes (a full
            // disk, a lock held elsewhere: AttemptRecorder): plan and claim nothing; what is armed was planned and
            // claimed before and leaves at its time, and its lease is kept. The heartbeat, or the recorder's results
            // landing once the store is back, wake the loop.
            return leases.RenewAt;
        }

        var now = time.GetUtcNow();
        var horizon = now + _options.Lookahead;

        // Plan a batch, then start and claim what is due before planning the next: with many jobs due at once the
        // first deliveries leave after one batch, not after all of them are planned.
        var drained = false;
        for (var round = 0; round < MaxPlanRounds && !drained; round++)
        {
            var planned = await store.PlanDueJobsAsync(now, horizon, _options.PlanBatchSize, _options.LeaseDuration, due => Plan(due, now, horizon), cancellationToken)
                .ConfigureAwait(false);
            armed.Arm(planned.Fired);
            drained = planned.Jobs < _options.PlanBatchSize;

            // Pipelines start runs by the jobs' rules; a run's first steps are Pending executions claimed below.
            var runs = await store.PlanDuePipelinesAsync(now, _options.PlanBatchSize, due => PlanPipeline(due, now), cancellationToken).ConfigureAwait(false);
            drained &= runs < _options.PlanBatchSize;

            armed.StartDue();

            // A renewal that failed may have left this node's own leases run out (a stall, a wall clock that jumped):
            // claiming now could take over its own attempts in flight, so due attempts wait for a cycle that renewed.
            if (renewed)
            {
                await ClaimAndStartAsync(now, cancellationToken).ConfigureAwait(false);
            }
        }

        armed.StartDue();
        return NextWakeUp(await store.GetNextDueAsync(cancellationToken).ConfigureAwait(false), drained);
    }

    /// <summary>Completes when every delivery started so far has been sent and recorded.</summary>
    public Task WhenIdleAsync() => runner.WhenIdleAsync();

    /// <summary>
    /// The node stops: gives back what is still armed and every claim a stopped delivery never sent, so each is sent
    /// later (here or by another node) as the same attempt, with no retry used up (docs/semantics.md, "Attempt numbers").
    /// </summary>
    public Task GiveBackUnsentAsync(CancellationToken cancellationToken)
    {
        armed.GiveBackAll();
        return leases.GiveBackUnsentAsync(cancellationToken);
    }

    /// <summary>
    /// The next instant to run a cycle. A job's schedule time counts <see cref="DispatchOptions.Lookahead"/> early,
    /// unless it is already within the lookahead after a cycle that planned everything it could: then the job waits
    /// for its outstanding execution (whose end wakes the loop) or, failing that, for its time. Armed executions are
    /// not the loop's business: their timer starts them. The renewal of the leases held here is.
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

        return leases.RenewAt is { } renew && (next is not { } wake || renew < wake) ? renew : next;
    }

    private async Task ClaimAndStartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var capacity = runner.FreeSlots;
        if (capacity <= 0)
        {
            return;
        }

        var claims = await store.ClaimDueAttemptsAsync(now, capacity, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            runner.Start(claim, cancellationToken);
        }
    }

    private OccurrencePlan Plan(DueJob due, DateTimeOffset now, DateTimeOffset horizon)
    {
        try
        {
            var plan = OccurrencePlanner.Plan(due.ScheduleState, schedules.Get(due.Job.Schedule, due.Job.TimeZone), now, horizon);
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
}
