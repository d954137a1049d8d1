using System.Threading.Channels;
using Belfry.Core.Storage;
using Belfry.Server.Health;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Group commit for attempt results: deliveries hand their results here and one writer records everything that
/// finished meanwhile in a single store transaction. Under load many results share a commit; alone, a result is
/// written at once. A delivery's task completes only once its result is durable, fenced out, or parked.
/// </summary>
/// <remarks>
/// A failed commit never fails its whole batch (issue 14, M8; docs/operations.md, "When the store fails"):
/// <list type="bullet">
/// <item>a fault of the whole store (<see cref="IStoreFaults"/>: a full disk, a lock held by another process, a lost
/// connection) keeps the batch and retries it with backoff until it commits, with <see cref="StoreHealth"/> degraded
/// meanwhile, so the dispatcher plans and claims nothing; results that finish meanwhile wait in memory, at most
/// <see cref="MaxWaiting"/> queued plus the <see cref="MaxBatch"/> being retried, and a delivery beyond that waits
/// for room, its lease still held and renewed;</item>
/// <item>any other fault may be one bad row: the batch is split in halves until the result that fails is alone, and
/// that one is tried <see cref="MaxSoloTries"/> times on its own, then parked with one log line.</item>
/// </list>
/// A retried commit counts no attempt twice: each result is fenced on its execution's epoch and attempt number, so a
/// commit that did land before its answer was lost (a dropped connection) is answered "fenced" when retried.
/// </remarks>
internal sealed class AttemptRecorder : IAsyncDisposable
{
    public const int MaxBatch = 2000;
    public const int MaxWaiting = 10_000;
    public const int MaxSoloTries = 3;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    private readonly IDispatchQueue _store;
    private readonly IStoreFaults _faults;
    private readonly StoreHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<AttemptRecorder> _logger;
    private readonly CancellationTokenSource _stopping;
    private readonly Channel<(AttemptResult Result, TaskCompletionSource<RecordOutcome> Recorded)> _queue =
        Channel.CreateBounded<(AttemptResult, TaskCompletionSource<RecordOutcome>)>(
            new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _writer;

    public AttemptRecorder(
        IDispatchQueue store, IStoreFaults faults, StoreHealth health, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<AttemptRecorder> logger)
    {
        _store = store;
        _faults = faults;
        _health = health;
        _time = time;
        _logger = logger;

        // Stopping the host ends the retries of a store that is down, not the recording of a healthy one.
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records <paramref name="result"/>; see <see cref="RecordOutcome"/> for the answers.</summary>
    public Task<RecordOutcome> RecordAsync(AttemptResult result)
    {
        var recorded = new TaskCompletionSource<RecordOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((result, recorded)) ? recorded.Task : WaitForRoomAsync(result, recorded);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<RecordOutcome> WaitForRoomAsync(AttemptResult result, TaskCompletionSource<RecordOutcome> recorded)
    {
        try
        {
            await _queue.Writer.WriteAsync((result, recorded)).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException(nameof(AttemptRecorder), e);
        }

        return await recorded.Task.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AttemptResult Result, TaskCompletionSource<RecordOutcome> Recorded)>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await CommitAsync(batch, 0, batch.Count).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>
    /// Records <paramref name="batch"/>[<paramref name="start"/>, +<paramref name="count"/>) in one transaction, retrying
    /// it while the store is unavailable, or in halves when it fails otherwise; completes every result's task.
    /// </summary>
    private async Task CommitAsync(List<(AttemptResult Result, TaskCompletionSource<RecordOutcome> Recorded)> batch, int start, int count)
    {
        var results = new AttemptResult[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = batch[start + i].Result;
        }

        var wait = FirstRetry;
        var soloTries = 0;
        while (true)
        {
            IReadOnlyList<bool> recorded;
            try
            {
                recorded = await _store.RecordAttemptsAsync(results, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (_faults.Unavailable(e) is { } reason)
            {
                if (_health.Degrade(reason))
                {
                    Log.StoreDegraded(_logger, reason, e);
                }

                if (!await PauseAsync(wait).ConfigureAwait(false))
                {
                    Abandon(batch, start, count);
                    return;
                }

                wait = wait * 2 < MaxRetry ? wait * 2 : MaxRetry;
                continue;
            }
            catch (Exception) when (count > 1)
            {
                // Maybe one bad row: the halves that hold none commit, and the row ends up alone.
                var half = count / 2;
                await CommitAsync(batch, start, half).ConfigureAwait(false);
                await CommitAsync(batch, start + half, count - half).ConfigureAwait(false);
                return;
            }
            catch (Exception e)
            {
                if (++soloTries < MaxSoloTries && await PauseAsync(FirstRetry * soloTries).ConfigureAwait(false))
                {
                    continue;
                }

                var result = results[0];
                Log.AttemptParked(_logger, result.AttemptNumber, result.ExecutionId, result.Job.FullName, soloTries, e);
                batch[start].Recorded.SetResult(RecordOutcome.Parked);
                return;
            }

            if (_health.Recover())
            {
                Log.StoreRecovered(_logger);
            }

            for (var i = 0; i < count; i++)
            {
                batch[start + i].Recorded.SetResult(recorded[i] ? RecordOutcome.Recorded : RecordOutcome.Fenced);
            }

            return;
        }
    }

    /// <summary>Waits <paramref name="wait"/> on the clock; false when the host is stopping (or the recorder disposed).</summary>
    private async Task<bool> PauseAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stopping while the store is down: what is not recorded stays with its leases (the next start-up, or another
    /// node, claims the executions again), and so does everything still queued.
    /// </summary>
    private void Abandon(List<(AttemptResult Result, TaskCompletionSource<RecordOutcome> Recorded)> batch, int start, int count)
    {
        var abandoned = count;
        for (var i = start; i < start + count; i++)
        {
            batch[i].Recorded.SetResult(RecordOutcome.Parked);
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var item))
        {
            item.Recorded.SetResult(RecordOutcome.Parked);
            abandoned++;
        }

        Log.ResultsAbandoned(_logger, abandoned);
    }
}
