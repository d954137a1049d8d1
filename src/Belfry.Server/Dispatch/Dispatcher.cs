using System.Collections.Concurrent;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Retries;
using Belfry.Core.Storage;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>
/// One dispatch cycle (STYLE, "Time and the dispatcher"): plan due jobs into executions, claim due attempts,
/// start their deliveries, and say when the next thing is due. Waiting lives in <see cref="DispatcherService"/>.
/// </summary>
internal sealed class Dispatcher(
    IJobStore store,
    AttemptSender sender,
    AttemptRecorder recorder,
    ScheduleCache schedules,
    DispatchSignal signal,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<Dispatcher> logger)
{
    private const int MaxPlanRounds = 100;
    private readonly DispatchOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    public int InFlight => _inFlight.Count;

    public bool AtCapacity => _inFlight.Count >= _options.MaxInFlight;

    /// <summary>Runs one cycle at the current time and returns the next instant something is due.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // Plan a batch, then claim and start what is due before planning the next: with many jobs due at once the
        // first deliveries leave after one batch, not after all of them are planned.
        for (var round = 0; round < MaxPlanRounds; round++)
        {
            var planned = await store.PlanDueJobsAsync(now, _options.PlanBatchSize, due => Plan(due, now), cancellationToken).ConfigureAwait(false);
            if (store is IPipelineStore pipelines)
            {
                // Pipelines start runs by the jobs' rules; a run's first steps are Pending executions claimed below.
                planned = Math.Max(planned, await pipelines.PlanDuePipelinesAsync(now, _options.PlanBatchSize, due => PlanPipeline(due, now), cancellationToken)
                    .ConfigureAwait(false));
            }

            await ClaimAndStartAsync(now, cancellationToken).ConfigureAwait(false);
            if (planned < _options.PlanBatchSize)
            {
                break;
            }
        }

        return await store.GetNextWakeUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ClaimAndStartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var capacity = _options.MaxInFlight - _inFlight.Count;
        if (capacity <= 0)
        {
            return;
        }

        var claims = await store.ClaimDueAttemptsAsync(now, capacity, _options.LeaseGrace, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            var key = $"{claim.Execution.Id}/{claim.Epoch}/{claim.AttemptNumber}";
            var delivery = DeliverAsync(claim, cancellationToken);
            _inFlight[key] = delivery;

            // Removed by a continuation, not inside DeliverAsync: a delivery that finishes before this line has
            // stored it would otherwise leave a completed entry behind for good.
            _ = delivery.ContinueWith(
                task => _inFlight.TryRemove(KeyValuePair.Create(key, task)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Completes when every delivery started so far has been sent and recorded.</summary>
    public async Task WhenIdleAsync()
    {
        while (_inFlight.Values.Where(t => !t.IsCompleted).ToArray() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private OccurrencePlan Plan(DueJob due, DateTimeOffset now)
    {
        try
        {
            return OccurrencePlanner.Plan(due, schedules.Get(due.Job.Schedule, due.Job.TimeZone), now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A schedule that no longer evaluates (say, a zone removed from tzdata) must not stall the others.
            Log.PlanFailed(logger, due.Job.Name.FullName, e);
            return new OccurrencePlan([], [], [], null, null);
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
            return new OccurrencePlan([], [], [], null, null);
        }
    }

    private async Task DeliverAsync(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var job = claim.Job;
        var executionId = claim.Execution.Id;
        try
        {
            var outcome = await sender.SendAsync(claim, cancellationToken).ConfigureAwait(false);
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
