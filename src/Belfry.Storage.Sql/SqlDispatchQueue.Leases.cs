using System.Data.Common;
using System.Globalization;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlDispatchQueue
{
    public Task<LeaseRenewal> RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0)
        {
            return Task.FromResult(LeaseRenewal.None);
        }

        // A claim path (beside other nodes' claims); its rows are locked as claims lock them, so a renewal and a
        // takeover of one execution are ordered, and the loser sees the winner's epoch.
        return database.ClaimAsync(async transaction =>
        {
            var (ids, keys) = HeldKeys(transaction, leases);
            HashSet<string> renewed;
            await using (var update = transaction.Command(transaction.Statements.Dispatch.RenewLeases)
                .With("@until", transaction.Dialect.Instant(until)).With("@ids", ids).With("@keys", keys))
            {
                renewed = await ReadIdsAsync(update, cancellationToken).ConfigureAwait(false);
            }

            if (renewed.Count == leases.Count)
            {
                return new LeaseRenewal(renewed, new HashSet<string>(StringComparer.Ordinal));
            }

            // Not renewed: lost, or only locked by a write in progress (still held, at its epoch).
            await using var held = transaction.Command(transaction.Statements.Dispatch.Held).With("@ids", ids).With("@keys", keys);
            var stillHeld = await ReadIdsAsync(held, cancellationToken).ConfigureAwait(false);
            var lost = leases.Select(l => l.ExecutionId).Where(id => !stillHeld.Contains(id)).ToHashSet(StringComparer.Ordinal);
            return new LeaseRenewal(renewed, lost);
        }, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GiveBackClaimsAsync(IReadOnlyCollection<HeldLease> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        // A claim path, as a renewal: a takeover of the same execution is ordered with it, and the loser's fence fails.
        return await database.ClaimAsync(async transaction =>
        {
            var (ids, keys) = HeldKeys(transaction, claims);
            await using var update = transaction.Command(transaction.Statements.Dispatch.GiveBack).With("@ids", ids).With("@keys", keys);
            return await ReadIdsAsync(update, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The id list and the "id:epoch" list that fence <paramref name="leases"/> on their epochs.</summary>
    private static (object Ids, object Keys) HeldKeys(StoreTransaction transaction, IReadOnlyCollection<HeldLease> leases) =>
        (transaction.Dialect.IdList(leases.Select(l => l.ExecutionId)),
         transaction.Dialect.IdList(leases.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.ExecutionId}:{l.Epoch}"))));

    private static async Task<HashSet<string>> ReadIdsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
