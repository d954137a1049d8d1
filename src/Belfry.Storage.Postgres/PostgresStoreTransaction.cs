using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// A <see cref="StoreTransaction"/> on a PostgreSQL connection: prepared statements are <see cref="PostgresStatement"/>s,
/// and the writes they queue (<see cref="SqlStatement.EnqueueAsync"/>) wait here, to go to the server together in one
/// <see cref="NpgsqlBatch"/>.
/// </summary>
internal sealed class PostgresStoreTransaction(SqlDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction)
    : StoreTransaction(database, connection, transaction)
{
    // Bounds what a batch holds in memory; a plan of 500 jobs queues about 1,000 statements.
    private const int MaxQueued = 2000;
    private NpgsqlBatch? _queued;

    public override SqlStatement Prepare(string sql) => new PostgresStatement(this, connection, transaction, sql);

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_queued is not { BatchCommands.Count: > 0 } batch)
        {
            return;
        }

        _queued = null;
        await using (batch.ConfigureAwait(false))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The queued writes, taken out to go in one round trip with a statement that reads (it goes last, and queued
    /// statements return no rows, so its rows are the batch's first result); null when nothing is queued.
    /// </summary>
    public NpgsqlBatch? TakeQueued()
    {
        var batch = _queued;
        _queued = null;
        return batch;
    }

    /// <summary>Queues <paramref name="command"/> for the next flush; flushes when the batch is full.</summary>
    public ValueTask EnqueueAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        var batch = _queued ??= new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(command);
        return batch.BatchCommands.Count >= MaxQueued ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }
}
