namespace Belfry.Server.Health;

/// <summary>
/// Whether the store takes writes (issue 14, M8): degraded, with a reason, from the moment a write failed for a reason
/// of the whole store (<see cref="Core.Storage.IStoreFaults"/>: a full disk, a lock held by another process, a lost
/// connection) until a write succeeds again. <see cref="Dispatch.AttemptRecorder"/> sets it, the dispatcher plans and
/// claims nothing while it is degraded, and <c>/readyz</c> reports it.
/// </summary>
internal sealed class StoreHealth : IReadinessCheck
{
    private string? _reason;

    public string Name => "store";

    public string? Problem => Volatile.Read(ref _reason);

    public bool IsDegraded => Problem is not null;

    public ValueTask<string?> FindProblemAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Problem);

    /// <summary>Raised after the store became degraded or healthy again (not when a degraded store's reason changes).</summary>
    public event Action<StoreHealth>? Changed;

    /// <summary>Marks the store degraded for <paramref name="reason"/>; true when it was healthy (log the change once).</summary>
    public bool Degrade(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Interlocked.Exchange(ref _reason, reason) is null && Raise();
    }

    /// <summary>Marks the store healthy; true when it was degraded (log the change once).</summary>
    public bool Recover() => Volatile.Read(ref _reason) is not null && Interlocked.Exchange(ref _reason, null) is not null && Raise();

    private bool Raise()
    {
        Changed?.Invoke(this);
        return true;
    }
}
