using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed class SqliteNotificationOutbox(SqliteDatabase database) : INotificationOutbox
{
    public Task<string> EnqueueNotificationAsync(string channel, NotificationEvent notificationEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(notificationEvent);
        return database.WriteAsync(
            async (connection, transaction) =>
                (await EnqueueAsync(connection, transaction, [channel], notificationEvent, now, cancellationToken).ConfigureAwait(false))[0],
            cancellationToken);
    }

    public Task<IReadOnlyList<OutboxNotification>> ClaimNotificationsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<OutboxNotification>>(async (connection, transaction) =>
        {
            // Select and update under one write lock, as attempts are claimed: each try is claimed once.
            await using var claim = SqliteSql.Command(connection, transaction, SqliteDialect.Statements.Outbox.Claim)
                .With("@now", SqliteValues.Instant(now))
                .With("@leaseUntil", SqliteValues.Instant(now + lease))
                .With("@max", max);
            var claimed = new List<(long Order, OutboxNotification Row)>();
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((reader.GetInt64(6), new OutboxNotification(
                    reader.GetString(0), reader.GetString(1), NotificationEventJson.Read(reader.GetString(2)), reader.GetInt32(3),
                    SqliteValues.ReadInstant(reader, 4), SqliteValues.ReadInstant(reader, 5))));
            }

            // RETURNING comes in no particular order. Enqueue order (SQLite: rowid; ids of one instant are random) lets the
            // relay send one channel's messages as they happened: "failed" before "recovered".
            return [.. claimed.OrderBy(c => c.Order).Select(c => c.Row)];
        }, cancellationToken);
    }

    public Task<bool> RecordNotificationAsync(NotificationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var final = result.State is NotificationDelivery.Delivered or NotificationDelivery.Failed;
        if (!final && (result.State != NotificationDelivery.Pending || result.NextAttemptTime is null))
        {
            throw new ArgumentException("A try is delivered, failed, or pending with a next attempt time.", nameof(result));
        }

        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = SqliteSql.Command(connection, transaction, OutboxSql.Record)
                .With("@state", (int)result.State)
                .With("@nextAttemptTime", final ? DBNull.Value : SqliteValues.Instant(result.NextAttemptTime))
                .With("@statusCode", result.StatusCode)
                .With("@error", result.Error)
                .With("@finishTime", final ? SqliteValues.Instant(result.Now) : DBNull.Value)
                .With("@id", result.Id)
                .With("@attempt", result.AttemptNumber);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextNotificationDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, transaction) =>
        {
            var ticks = await SqliteSql.ScalarAsync<long?>(connection, transaction, OutboxSql.NextDue, cancellationToken).ConfigureAwait(false);
            return ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : (DateTimeOffset?)null;
        }, cancellationToken);

    public Task<int> PurgeNotificationsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var purge = SqliteSql.Command(connection, transaction, OutboxSql.Purge)
                .With("@before", SqliteValues.Instant(before))
                .With("@max", max);
            return await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Adds <paramref name="notificationEvent"/> once per channel, due at once, in the caller's transaction; returns the ids.</summary>
    internal static async Task<IReadOnlyList<string>> EnqueueAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> channels, NotificationEvent notificationEvent,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new List<string>(channels.Count);
        if (channels.Count == 0)
        {
            return ids;
        }

        var json = NotificationEventJson.Write(notificationEvent);
        await using var insert = SqliteSql.Command(connection, transaction, OutboxSql.Insert);
        insert.Parameters.Add(new SqliteParameter("@id", DBNull.Value));
        insert.Parameters.Add(new SqliteParameter("@channel", DBNull.Value));
        insert.Parameters.AddWithValue("@kind", (int)notificationEvent.Kind);
        insert.Parameters.AddWithValue("@json", json);
        insert.Parameters.AddWithValue("@now", SqliteValues.Instant(now));
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
