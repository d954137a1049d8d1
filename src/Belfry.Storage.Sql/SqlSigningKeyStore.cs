using System.Data.Common;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlSigningKeyStore(SqlDatabase database) : ISigningKeyStore
{
    public Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SigningKey>>(async transaction =>
        {
            await using var command = transaction.Command(SigningKeySql.List);
            var keys = new List<SigningKey>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(ReadKey(reader, transaction.Dialect));
            }

            return keys;
        }, cancellationToken);

    public Task<SigningKey> AddSigningKeyIfNoneAsync(SigningKey candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        RequireCurrent(candidate);
        return database.WriteAsync(async transaction =>
        {
            // On SQLite (BEGIN IMMEDIATE) the check and the insert see no other writer; the unique index guards the rest.
            await using (var find = transaction.Command(SigningKeySql.Current))
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return ReadKey(reader, transaction.Dialect);
                }
            }

            await InsertKeyAsync(transaction, candidate, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.SigningKeysChanged(candidate.CreateTime));
            return candidate;
        }, cancellationToken);
    }

    public Task RotateSigningKeyAsync(SigningKey next, DateTimeOffset forgetRetiredBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        RequireCurrent(next);
        return database.WriteAsync(async transaction =>
        {
            await using (var retire = transaction.Command(SigningKeySql.RetireAndForget)
                .With("@now", transaction.Dialect.Instant(next.CreateTime))
                .With("@forgetBefore", transaction.Dialect.Instant(forgetRetiredBefore)))
            {
                await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await InsertKeyAsync(transaction, next, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.SigningKeysChanged(next.CreateTime));
            return true;
        }, cancellationToken);
    }

    private static async Task InsertKeyAsync(StoreTransaction transaction, SigningKey key, CancellationToken cancellationToken)
    {
        await using var insert = transaction.Command(SigningKeySql.Insert)
            .With("@kid", key.Id)
            .With("@privateKey", key.PrivateKeyPkcs8.ToArray())
            .With("@createTime", transaction.Dialect.Instant(key.CreateTime));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SigningKey ReadKey(DbDataReader reader, SqlDialect dialect) =>
        new(reader.GetString(0), (byte[])reader.GetValue(1), dialect.ReadInstant(reader, 2), dialect.ReadNullableInstant(reader, 3));

    private static void RequireCurrent(SigningKey key)
    {
        if (!key.IsCurrent)
        {
            throw new ArgumentException("A new signing key cannot already be retired.", nameof(key));
        }
    }
}
