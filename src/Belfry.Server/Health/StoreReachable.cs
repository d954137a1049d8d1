using Belfry.Core.Storage;

namespace Belfry.Server.Health;

/// <summary>
/// <c>/readyz</c>'s "store reachable" (issue 15): does the store answer <c>SELECT 1</c> within <see cref="Timeout"/>?
/// <see cref="StoreHealth"/> tells what the node's own writes found; this finds a store that stopped answering while
/// the node had nothing to write.
/// </summary>
internal sealed class StoreReachable(IStoreProbe probe, IStoreFaults faults, TimeProvider time) : IReadinessCheck
{
    /// <summary>Short: a probe that waits longer than the orchestrator's own timeout tells it nothing.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public string Name => "storeReachable";

    public async ValueTask<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        if (!probe.IsOpen)
        {
            // MigrationsApplied reports it; a query now would only fail on a store not yet open.
            return "the store is not open yet";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync too: a driver that ignores the token must not hold the probe.
            await probe.PingAsync(timeout.Token).WaitAsync(Timeout, time, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            return $"the store did not answer a query within {Timeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason the dialect gives (never a connection string); otherwise only the kind of failure.
            return faults.Unavailable(e) is { } reason ? $"the store does not answer: {reason}" : $"the store does not answer a query ({e.GetType().Name})";
        }
    }
}
