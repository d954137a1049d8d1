using Belfry.Core.Storage;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>A feed's subscriber that keeps what it was told and lets a test await a condition on it, without sleeping.</summary>
internal sealed class ChangeRecorder
{
    private readonly Lock _lock = new();
    private readonly List<StoreChange> _changes = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(StoreChange change)
    {
        TaskCompletionSource told;
        lock (_lock)
        {
            _changes.Add(change);
            told = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        told.SetResult();
    }

    public List<StoreChange> Snapshot()
    {
        lock (_lock)
        {
            return [.. _changes];
        }
    }

    /// <summary>Completes with everything recorded once <paramref name="done"/> holds; throws when <paramref name="cancellationToken"/> ends first.</summary>
    public async Task<List<StoreChange>> WaitUntilAsync(Func<List<StoreChange>, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                List<StoreChange> recorded = [.. _changes];
                if (done(recorded))
                {
                    return recorded;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes once <paramref name="count"/> resync signals have been recorded.</summary>
    public Task<List<StoreChange>> WaitForResyncsAsync(int count, CancellationToken cancellationToken) =>
        WaitUntilAsync(changes => changes.Count(c => c.Kind == StoreChangeKind.Resync) >= count, cancellationToken);
}
