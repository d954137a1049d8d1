using System.Text.RegularExpressions;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// A <see cref="SqlStatement"/> on PostgreSQL: one <see cref="NpgsqlCommand"/> with positional parameters, the shared
/// text's <c>?N</c> rewritten to PostgreSQL's <c>$N</c>. Each parameter object is created once and re-bound per use, and
/// Npgsql prepares the command on the server after a few uses (the data source's automatic preparation), so a statement
/// run for every row of a batch is parsed once per connection.
/// </summary>
internal sealed partial class PostgresStatement : SqlStatement
{
    private readonly PostgresStoreTransaction _session;
    private readonly NpgsqlCommand _command;
    private NpgsqlDataReader? _row;

    public PostgresStatement(PostgresStoreTransaction session, NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(connection);
        _session = session;
        ArgumentNullException.ThrowIfNull(sql);
        var count = 0;
        var text = Positional().Replace(sql, match =>
        {
            count = Math.Max(count, int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture));
            return "$" + match.Groups[1].Value;
        });
        _command = new NpgsqlCommand(text, connection, transaction);
        for (var i = 0; i < count; i++)
        {
            _command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value });
        }
    }

    public override SqlStatement Bind(int index, long value) => Set(index, value);

    public override SqlStatement Bind(int index, int value) => Set(index, value);

    public override SqlStatement Bind(int index, bool value) => Set(index, value);

    public override SqlStatement Bind(int index, string? value) => Set(index, value is null ? DBNull.Value : value);

    public override SqlStatement BindInstant(int index, DateTimeOffset value) => Set(index, PostgresDialect.ToStored(value));

    public override DateTimeOffset Stored(DateTimeOffset value) => PostgresDialect.ToStored(value);

    public override SqlStatement BindNull(int index) => Set(index, DBNull.Value);

    public override async ValueTask<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_session.TakeQueued() is not { } batch)
        {
            return await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Behind the queued writes, in the same round trip.
        await using (batch.ConfigureAwait(false))
        {
            var last = AsBatchCommand();
            batch.BatchCommands.Add(last);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return last.RecordsAffected;
        }
    }

    public override ValueTask EnqueueAsync(CancellationToken cancellationToken) => _session.EnqueueAsync(AsBatchCommand(), cancellationToken);

    public override async ValueTask<T?> ExecuteFirstAsync<T>(Func<SqlStatement, T> read, CancellationToken cancellationToken) where T : default
    {
        ArgumentNullException.ThrowIfNull(read);
        var batch = _session.TakeQueued();
        try
        {
            batch?.BatchCommands.Add(AsBatchCommand());
            var reader = batch is null
                ? await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false)
                : await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return default;
                }

                _row = reader;
                try
                {
                    return read(this);
                }
                finally
                {
                    _row = null;
                }
            }
        }
        finally
        {
            if (batch is not null)
            {
                await batch.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override bool IsNull(int column) => Row.IsDBNull(column);

    // Counts are bigint in PostgreSQL where SQLite has one integer type: read both widths through Int64.
    public override long Int64(int column) => Row.GetFieldValue<long>(column);

    public override int Int32(int column) => checked((int)Row.GetFieldValue<long>(column));

    public override bool Boolean(int column) => Row.GetBoolean(column);

    public override string? Text(int column) => Row.IsDBNull(column) ? null : Row.GetString(column);

    public override DateTimeOffset Instant(int column) => PostgresDialect.Instance.ReadInstant(Row, column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _command.Dispose();
        }
    }

    private NpgsqlDataReader Row => _row ?? throw new InvalidOperationException("A column is read only inside ExecuteFirstAsync's read.");

    /// <summary>This statement with the values bound now: it is bound again for the next row before a batch leaves.</summary>
    private NpgsqlBatchCommand AsBatchCommand()
    {
        var command = new NpgsqlBatchCommand(_command.CommandText);
        foreach (NpgsqlParameter parameter in _command.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter.Value });
        }

        return command;
    }

    private PostgresStatement Set(int index, object value)
    {
        _command.Parameters[index - 1].Value = value;
        return this;
    }

    [GeneratedRegex(@"\?(\d+)")]
    private static partial Regex Positional();
}
