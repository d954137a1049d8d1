using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed class SqliteSigningKeyStore(SqliteDatabase database) : ISigningKeyStore
{
    private const string KeyColumns = "kid, private_key, create_time, retire_time";

    public Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SigningKey>>(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, $"""
                SELECT {KeyColumns} FROM signing_keys
                ORDER BY retire_time IS NULL DESC, retire_time DESC, create_time DESC, kid
                """);
            var keys = new List<SigningKey>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(ReadKey(reader));
            }

            return keys;
        }, cancellationToken);

    public Task<SigningKey> AddSigningKeyIfNoneAsync(SigningKey candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        RequireCurrent(candidate);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // BEGIN IMMEDIATE: the check and the insert see no other writer; the unique index guards the rest.
            await using (var find = SqliteSql.Command(connection, transaction, $"SELECT {KeyColumns} FROM signing_keys WHERE retire_time IS NULL"))
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return ReadKey(reader);
                }
            }

            await InsertKeyAsync(connection, transaction, candidate, cancellationToken).ConfigureAwait(false);
            return candidate;
        }, cancellationToken);
    }

    public Task RotateSigningKeyAsync(SigningKey next, DateTimeOffset forgetRetiredBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        RequireCurrent(next);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var retire = SqliteSql.Command(connection, transaction, """
                UPDATE signing_keys SET retire_time = @now WHERE retire_time IS NULL;
                DELETE FROM signing_keys WHERE retire_time < @forgetBefore;
                """)
                .With("@now", SqliteValues.Instant(next.CreateTime))
                .With("@forgetBefore", SqliteValues.Instant(forgetRetiredBefore)))
            {
                await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await InsertKeyAsync(connection, transaction, next, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private static async Task InsertKeyAsync(SqliteConnection connection, SqliteTransaction transaction, SigningKey key, CancellationToken cancellationToken)
    {
        await using var insert = SqliteSql.Command(connection, transaction, """
            INSERT INTO signing_keys (kid, private_key, create_time, retire_time) VALUES (@kid, @privateKey, @createTime, NULL)
            """)
            .With("@kid", key.Id)
            .With("@privateKey", key.PrivateKeyPkcs8.ToArray())
            .With("@createTime", SqliteValues.Instant(key.CreateTime));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SigningKey ReadKey(SqliteDataReader reader) =>
        new(reader.GetString(0), (byte[])reader.GetValue(1), SqliteValues.ReadInstant(reader, 2), SqliteValues.ReadNullableInstant(reader, 3));

    private static void RequireCurrent(SigningKey key)
    {
        if (!key.IsCurrent)
        {
            throw new ArgumentException("A new signing key cannot already be retired.", nameof(key));
        }
    }
}
