using System.Collections.Concurrent;
using System.Threading.Channels;
using Belfry.Core.Storage;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Wakes the dispatcher loop early: the store published a change (a job changed, a run was asked for), or an attempt
/// finished. Subscribed to the store's changes for the dispatcher's life, whoever wrote them.
/// </summary>
internal sealed class DispatchSignal : IDisposable
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentQueue<JobChange> _changes = new();
    private readonly IDisposable _subscription;

    // Changes published before the dispatcher exists need no telling: nothing is armed yet, and its first cycle reads the store.
    public DispatchSignal(IStoreChanges storeChanges)
    {
        ArgumentNullException.ThrowIfNull(storeChanges);
        _subscription = storeChanges.Subscribe(OnStoreChange);
    }

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Tells the dispatcher that <paramref name="change"/> happened (it drops what it armed from before), and wakes it.</summary>
    public void JobChanged(JobChange change)
    {
        _changes.Enqueue(change);
        Wake();
    }

    private void OnStoreChange(StoreChange change)
    {
        if (JobChange.From(change) is { } jobChange)
        {
            JobChanged(jobChange);
        }
        else
        {
            Wake();
        }
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

    public void Dispose() => _subscription.Dispose();

    /// <summary>Completes when woken; consumes the wake-up.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
