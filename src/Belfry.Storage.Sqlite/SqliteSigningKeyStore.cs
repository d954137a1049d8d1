using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed class SqliteSigningKeyStore(SqliteDatabase database) : ISigningKeyStore
{
    public Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SigningKey>>(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, SigningKeySql.List);
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
            await using (var find = SqliteSql.Command(connection, transaction, SigningKeySql.Current))
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
            await using (var retire = SqliteSql.Command(connection, transaction, SigningKeySql.RetireAndForget)
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
        await using var insert = SqliteSql.Command(connection, transaction, SigningKeySql.Insert)
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
