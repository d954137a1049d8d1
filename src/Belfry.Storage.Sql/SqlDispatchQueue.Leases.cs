using System.Globalization;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlDispatchQueue
{
    public Task<IReadOnlySet<string>> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal));
        }

        // A claim path (shared with other nodes' claims): each row is locked by the UPDATE, so a renewal and a
        // takeover of one execution are ordered, and the loser sees the winner's epoch.
        return database.ClaimAsync<IReadOnlySet<string>>(async transaction =>
        {
            var renewed = new HashSet<string>(leases.Count, StringComparer.Ordinal);
            await using var update = transaction.Command(transaction.Statements.Dispatch.RenewLeases)
                .With("@until", transaction.Dialect.Instant(until))
                .With("@ids", transaction.Dialect.IdList(leases.Select(l => l.ExecutionId)))
                .With("@keys", transaction.Dialect.IdList(leases.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.ExecutionId}:{l.Epoch}"))));
            await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                renewed.Add(reader.GetString(0));
            }

            return renewed;
        }, cancellationToken);
    }
}
