namespace Belfry.Server.Retention;

/// <summary>The way every retention pass deletes: a batch per store transaction, until a batch comes back short.</summary>
internal static class RetentionBatches
{
    /// <summary>Runs <paramref name="deleteBatch"/> with <paramref name="batchSize"/> until it deletes fewer; returns the total.</summary>
    public static async Task<long> DeleteAllAsync(Func<int, CancellationToken, Task<int>> deleteBatch, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0L;
        while (true)
        {
            var deleted = await deleteBatch(batchSize, cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }

            // Each batch is its own transaction. SQLite's one write lock hands over in turn, so a dispatcher cycle that
            // waits for it runs before the next batch; yielding lets one that is about to ask get in line too.
            await Task.Yield();
        }
    }
}
