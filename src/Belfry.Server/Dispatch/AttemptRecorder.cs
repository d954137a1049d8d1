using System.Threading.Channels;
using Belfry.Core.Storage;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Group commit for attempt results: deliveries hand their results here and one writer records everything that
/// finished meanwhile in a single store transaction. Under load many results share a commit; alone, a result is
/// written at once. A delivery's task completes only once its result is durable.
/// </summary>
internal sealed class AttemptRecorder : IAsyncDisposable
{
    private const int MaxBatch = 2000;
    private readonly IDispatchQueue _store;
    private readonly Channel<(AttemptResult Result, TaskCompletionSource<bool> Recorded)> _queue =
        Channel.CreateUnbounded<(AttemptResult, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    public AttemptRecorder(IDispatchQueue store)
    {
        _store = store;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records <paramref name="result"/>; true when recorded, false when fenced out (see <see cref="IDispatchQueue.RecordAttemptAsync"/>).</summary>
    public Task<bool> RecordAsync(AttemptResult result)
    {
        var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((result, recorded)))
        {
            recorded.SetException(new ObjectDisposedException(nameof(AttemptRecorder)));
        }

        return recorded.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AttemptResult Result, TaskCompletionSource<bool> Recorded)>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var recorded = await _store.RecordAttemptsAsync(batch.ConvertAll(b => b.Result), CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Recorded.SetResult(recorded[i]);
                }
            }
            catch (Exception e)
            {
                // The deliveries log it; their executions stay claimed and are retried when the lease expires.
                foreach (var (_, recorded) in batch)
                {
                    recorded.SetException(e);
                }
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
