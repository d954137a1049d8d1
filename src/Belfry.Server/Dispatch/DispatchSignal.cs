using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Belfry.Server.Dispatch;

/// <summary>Wakes the dispatcher loop early: a job changed, a run was asked for, an attempt finished.</summary>
internal sealed class DispatchSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentQueue<JobChange> _changes = new();

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Tells the dispatcher that <paramref name="change"/> happened (it drops what it armed from before), and wakes it.</summary>
    public void JobChanged(JobChange change)
    {
        _changes.Enqueue(change);
        Wake();
    }

    /// <summary>The changes told since the last call, oldest first. Asked on every freed send slot, so nothing is allocated when there are none.</summary>
    public IReadOnlyList<JobChange> TakeJobChanges()
    {
        if (_changes.IsEmpty)
        {
            return [];
        }

        var taken = new List<JobChange>();
        while (_changes.TryDequeue(out var change))
        {
            taken.Add(change);
        }

        return taken;
    }

    /// <summary>Completes when woken; consumes the wake-up.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
