using System.Collections.Concurrent;
using Belfry.Core.Retries;
using Belfry.Core.Storage;
using Belfry.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dispatch;

/// <summary>
/// The in-flight sends: each started attempt takes one of <see cref="DispatchOptions.MaxInFlight"/> slots while its
/// request awaits an answer, then its result is recorded (through <see cref="AttemptRecorder"/>'s group commit) with
/// the next retry time. The slot is freed before recording, and <see cref="SlotFreed"/> hands it straight on.
/// </summary>
/// <remarks>
/// Logs under the <see cref="Dispatcher"/> category, as before the dispatcher was split, so log filters keep working.
/// This is the hot path (issue 11: no slowdown): what a delivery allocates here is its key, its task and the
/// continuation that forgets it; the slot hand-off calls one delegate made once by <see cref="ArmedQueue"/>.
/// </remarks>
internal sealed class DeliveryRunner(
    AttemptSender sender,
    AttemptRecorder recorder,
    LeaseKeeper leases,
    RunSpans runSpans,
    DispatchSignal signal,
    TimeProvider time,
    BelfryMetrics metrics,
    IOptions<DispatchOptions> options,
    ILogger<Dispatcher> logger)
{
    private readonly DispatchOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private int _sending;

    /// <summary>Every send slot is taken (<see cref="DispatchOptions.MaxInFlight"/> requests awaiting an answer).</summary>
    public bool AtCapacity => Volatile.Read(ref _sending) >= _options.MaxInFlight;

    /// <summary>Attempts being sent: requests awaiting an answer (a node's "executions in flight").</summary>
    public int Sending => Volatile.Read(ref _sending);

    /// <summary>Slots not taken by a request awaiting an answer; zero or less when at capacity.</summary>
    public int FreeSlots => _options.MaxInFlight - Volatile.Read(ref _sending);

    /// <summary>
    /// Called after each send frees its slot, so the next due armed execution starts without waiting for a cycle
    /// (<see cref="ArmedQueue"/> sets it once). Runs on the delivery's thread, before its result is recorded.
    /// </summary>
    public Action? SlotFreed { get; set; }

    /// <summary>Starts delivering <paramref name="claim"/> in a slot; returns at once (the send runs after a yield).</summary>
    public void Start(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        leases.Hold(claim);
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

    /// <summary>Completes when every delivery started so far has been sent and recorded.</summary>
    public async Task WhenIdleAsync()
    {
        while (_inFlight.Values.Where(t => !t.IsCompleted).ToArray() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>A send finished: its slot goes to the next armed execution that is due, without waiting for a cycle.</summary>
    private void ReleaseSlot()
    {
        Interlocked.Decrement(ref _sending);
        SlotFreed?.Invoke();
    }

    private async Task DeliverAsync(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var job = claim.Job;
        var executionId = claim.Execution.Id;
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopping before the request left: the claim is given back, so it uses up no retry (issue 14, L12).
                // Once the send has begun, a stop counts it, as a crash does: nobody can tell whether it arrived.
                ReleaseSlot();
                leases.GiveBack(claim);
                return;
            }

            AttemptOutcome outcome;
            var span = AttemptTracing.Start(claim);
            try
            {
                outcome = await sender.SendAsync(claim, span, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                span?.Dispose();
                throw;
            }
            finally
            {
                // The slot bounds requests awaiting an answer; recording (a group commit) happens outside it.
                ReleaseSlot();
            }

            AttemptTracing.Stop(span, outcome);
            LogOutcome(claim, outcome);

            // Counted as sent, before the record: an attempt fenced out afterwards still reached the target. A claim keeps
            // the time it was due at (next_attempt_time: the schedule time, or the retry's time).
            metrics.AttemptSent(job.Name, outcome, claim.Execution.NextAttemptTime ?? claim.Execution.ScheduleTime);

            var now = time.GetUtcNow();
            var firstAttempt = claim.Execution.FirstAttemptTime ?? outcome.StartTime;
            var next = outcome.Succeeded ? null : Backoff.NextAttemptTime(job.RetryConfig, claim.AttemptNumber, firstAttempt, now);
            // A failed answer's error is its status message (HTTP 500: boom), shown in the executions' ERROR column.
            var status = AttemptStatus.From(outcome);
            var result = new AttemptResult(
                executionId, job.Name, claim.AttemptNumber, claim.Epoch, outcome.StartTime, outcome.Duration,
                outcome.StatusCode, outcome.Succeeded ? null : outcome.Error ?? status.Message, outcome.Succeeded, next, status, now, outcome.Response);
            // Parked: the recorder logged it, and the execution's lease decides what follows.
            var recorded = await recorder.RecordAsync(result).ConfigureAwait(false);
            if (recorded == RecordOutcome.Fenced)
            {
                Log.AttemptFenced(logger, job.Name.FullName, executionId);
            }
            else if (recorded == RecordOutcome.Recorded && claim.Step is { } step && next is null)
            {
                await runSpans.EmitIfFinishedAsync(step, result).ConfigureAwait(false);
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
            // Recorded, fenced out, or left to its lease (shutdown, a failed record): nothing more to renew.
            leases.Release(claim);
            signal.Wake();
        }
    }

    private void LogOutcome(ClaimedAttempt claim, AttemptOutcome outcome)
    {
        var name = claim.Job.Name;
        var durationMs = Math.Round(outcome.Duration.TotalMilliseconds, 3);
        if (outcome.Succeeded)
        {
            Log.AttemptSucceeded(logger, claim.AttemptNumber, claim.Execution.Id, name.JobId, name.Project, name.Location, "SUCCEEDED", outcome.StatusCode!.Value, durationMs);
        }
        else
        {
            Log.AttemptFailed(logger, claim.AttemptNumber, claim.Execution.Id, name.JobId, name.Project, name.Location, "FAILED", outcome.StatusCode, durationMs, outcome.Error ?? $"HTTP {outcome.StatusCode}");
        }
    }
}
