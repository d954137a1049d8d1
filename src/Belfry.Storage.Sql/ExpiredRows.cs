namespace Belfry.Storage.Sql;

/// <summary>
/// One retention batch (issue 13), for any aggregate: read the ids a statement selects as expired, then delete them with
/// the aggregate's id-list delete, in the caller's transaction. Selecting first keeps each aggregate's rules (what
/// stays) in one SELECT and lets PostgreSQL lock the chosen rows, so two nodes' passes take different ones.
/// </summary>
internal static class ExpiredRows
{
    /// <summary>Runs <paramref name="select"/> (@before, @max) and <paramref name="delete"/> (@ids); returns how many ids it deleted.</summary>
    public static async Task<int> DeleteAsync(
        StoreTransaction transaction, string select, string delete, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var ids = new List<string>(max);
        await using (var command = transaction.Command(select).With("@before", transaction.Dialect.Instant(before)).With("@max", max))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count > 0)
        {
            await using var command = transaction.Command(delete).With("@ids", transaction.Dialect.IdList(ids));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return ids.Count;
    }
}
