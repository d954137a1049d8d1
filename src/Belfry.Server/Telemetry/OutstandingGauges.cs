using Belfry.Core.Storage;

namespace Belfry.Server.Telemetry;

/// <summary>
/// The values behind the gauges <c>belfry.executions.outstanding</c> and <c>belfry.retries.pending</c>: one store count
/// (<see cref="IExecutionStore.CountOutstandingAsync"/>) kept in memory. A scrape reads the kept values and, once they
/// are older than <see cref="TelemetryOptions.GaugeRefreshInterval"/>, starts one count in the background; it never
/// waits for the store, and however often scrapers come, at most one count runs. The store is resolved at the first
/// count, not when the instruments are made: mapping <c>/metrics</c> must not open a store that start-up has yet to check.
/// </summary>
internal sealed class OutstandingGauges(Lazy<IExecutionStore> store, TimeProvider time, TimeSpan interval, ILogger logger)
{
    private long _outstanding;
    private long _retriesPending;
    private long _countedAt;
    private bool _counted;
    private int _counting;

    public long Outstanding
    {
        get
        {
            RefreshIfStale();
            return Volatile.Read(ref _outstanding);
        }
    }

    public long RetriesPending
    {
        get
        {
            RefreshIfStale();
            return Volatile.Read(ref _retriesPending);
        }
    }

    /// <summary>Counts now and keeps the result (tests call it before a scrape; scrapes start it when the values are stale).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var counts = await store.Value.CountOutstandingAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _outstanding, counts.Outstanding);
        Volatile.Write(ref _retriesPending, counts.RetriesPending);
    }

    private void RefreshIfStale()
    {
        if (Volatile.Read(ref _counted) && time.GetElapsedTime(Volatile.Read(ref _countedAt)) < interval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _counting, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _countedAt, time.GetTimestamp());
        Volatile.Write(ref _counted, true);
        _ = RefreshInBackgroundAsync();
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            // Off the scrape's thread: the exporter's collect returns with the kept values at once.
            await Task.Yield();
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.CountFailed(logger, e);
        }
        finally
        {
            Volatile.Write(ref _counting, 0);
        }
    }
}
