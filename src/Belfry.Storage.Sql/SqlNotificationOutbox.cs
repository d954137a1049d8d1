using System.Data.Common;
using System.Globalization;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlNotificationOutbox(SqlDatabase database) : INotificationOutbox
{
    public Task<string> EnqueueNotificationAsync(string channel, NotificationEvent notificationEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(notificationEvent);
        return database.WriteAsync(
            async transaction =>
                (await EnqueueAsync(transaction, [channel], notificationEvent, now, cancellationToken).ConfigureAwait(false))[0],
            cancellationToken);
    }

    public Task<IReadOnlyList<OutboxNotification>> ClaimNotificationsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.ClaimAsync<IReadOnlyList<OutboxNotification>>(async transaction =>
        {
            // Select and update in one statement, locked as the dialect's claims lock (SQLite: its single writer), as
            // attempts are claimed: each try is claimed once.
            await using var claim = transaction.Command(transaction.Statements.Outbox.Claim)
                .With("@now", transaction.Dialect.Instant(now))
                .With("@leaseUntil", transaction.Dialect.Instant(now + lease))
                .With("@max", max);
            var claimed = new List<(long Order, OutboxNotification Row)>();
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((reader.GetInt64(6), new OutboxNotification(
                    reader.GetString(0), reader.GetString(1), NotificationEventJson.Read(reader.GetString(2)), reader.GetInt32(3),
                    transaction.Dialect.ReadInstant(reader, 4), transaction.Dialect.ReadInstant(reader, 5))));
            }

            // RETURNING comes in no particular order. Enqueue order (the dialect's OutboxInsertOrder; ids of one instant are random) lets the
            // relay send one channel's messages as they happened: "failed" before "recovered".
            return [.. claimed.OrderBy(c => c.Order).Select(c => c.Row)];
        }, cancellationToken);
    }

    public Task<IReadOnlySet<string>> RenewNotificationLeasesAsync(IReadOnlyCollection<OutboxNotification> held, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.Count == 0)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal));
        }

        // A claim path, as records are: a renewal and another node's takeover of one row are ordered by its row lock,
        // and the loser's fence (the try) no longer matches.
        return database.ClaimAsync<IReadOnlySet<string>>(async transaction =>
        {
            await using var update = Held(transaction, transaction.Statements.Outbox.RenewLeases, held)
                .With("@leaseUntil", transaction.Dialect.Instant(leaseUntil));
            var renewed = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                renewed.Add(reader.GetString(0));
            }

            return renewed;
        }, cancellationToken);
    }

    public Task<int> PauseNotificationChannelAsync(string channel, DateTimeOffset until, IReadOnlyCollection<OutboxNotification> held, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(held);
        return database.ClaimAsync(async transaction =>
        {
            var moved = 0;
            if (held.Count > 0)
            {
                await using var release = Held(transaction, transaction.Statements.Outbox.Release, held)
                    .With("@until", transaction.Dialect.Instant(until));
                moved += await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var postpone = transaction.Command(OutboxSql.Postpone)
                .With("@channel", channel)
                .With("@until", transaction.Dialect.Instant(until));
            return moved + await postpone.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>A statement over the rows in <paramref name="held"/>, each fenced on its try ("id:try").</summary>
    private static DbCommand Held(StoreTransaction transaction, string sql, IReadOnlyCollection<OutboxNotification> held) =>
        transaction.Command(sql)
            .With("@ids", transaction.Dialect.IdList(held.Select(h => h.Id)))
            .With("@keys", transaction.Dialect.IdList(held.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Id}:{h.AttemptNumber}"))));

    public Task<bool> RecordNotificationAsync(NotificationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var final = result.State is NotificationDelivery.Delivered or NotificationDelivery.Failed;
        if (!final && (result.State != NotificationDelivery.Pending || result.NextAttemptTime is null))
        {
            throw new ArgumentException("A try is delivered, failed, or pending with a next attempt time.", nameof(result));
        }

        return database.ClaimAsync(async transaction =>
        {
            await using var update = transaction.Command(OutboxSql.Record)
                .With("@state", (int)result.State)
                .With("@nextAttemptTime", final ? DBNull.Value : transaction.Dialect.Instant(result.NextAttemptTime))
                .With("@statusCode", result.StatusCode)
                .With("@error", result.Error)
                .With("@finishTime", final ? transaction.Dialect.Instant(result.Now) : DBNull.Value)
                .With("@now", transaction.Dialect.Instant(result.Now))
                .With("@id", result.Id)
                .With("@attempt", result.AttemptNumber);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextNotificationDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(OutboxSql.NextDue);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? transaction.Dialect.ReadNullableInstant(reader, 0) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<FailingChannel>> ListFailingChannelsAsync(DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return database.ReadAsync<IReadOnlyList<FailingChannel>>(async transaction =>
        {
            await using var command = transaction.Command(OutboxSql.FailingChannels)
                .With("@since", transaction.Dialect.Instant(since))
                .With("@max", max);
            var failing = new List<FailingChannel>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                failing.Add(new FailingChannel(
                    reader.GetString(0), SqlValues.ReadCount(reader, 1), SqlValues.ReadCount(reader, 2), transaction.Dialect.ReadInstant(reader, 3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), SqlValues.ReadNullableString(reader, 5)));
            }

            return failing;
        }, cancellationToken);
    }

    public Task<int> PurgeNotificationsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return database.WriteAsync(async transaction =>
        {
            await using var purge = transaction.Command(OutboxSql.Purge)
                .With("@before", transaction.Dialect.Instant(before))
                .With("@max", max);
            return await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Adds <paramref name="notificationEvent"/> once per channel, due at once, in the caller's transaction; returns the ids.</summary>
    internal static async Task<IReadOnlyList<string>> EnqueueAsync(
        StoreTransaction transaction, IReadOnlyList<string> channels, NotificationEvent notificationEvent,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new List<string>(channels.Count);
        if (channels.Count == 0)
        {
            return ids;
        }

        var json = NotificationEventJson.Write(notificationEvent);
        await using var insert = transaction.Command(OutboxSql.Insert)
            .With("@id", null)
            .With("@channel", null)
            .With("@kind", (int)notificationEvent.Kind)
            .With("@json", json)
            .With("@now", transaction.Dialect.Instant(now));
        foreach (var channel in channels.Distinct(StringComparer.Ordinal))
        {
            var id = Guid.CreateVersion7(now).ToString("N");
            insert.Parameters["@id"].Value = id;
            insert.Parameters["@channel"].Value = channel;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            ids.Add(id);
        }

        return ids;
    }
}
