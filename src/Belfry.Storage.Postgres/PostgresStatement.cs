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
    private readonly NpgsqlCommand _command;
    private NpgsqlDataReader? _row;

    public PostgresStatement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
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

    public override async ValueTask<int> ExecuteAsync(CancellationToken cancellationToken) =>
        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<T?> ExecuteFirstAsync<T>(Func<SqlStatement, T> read, CancellationToken cancellationToken) where T : default
    {
        ArgumentNullException.ThrowIfNull(read);
        var reader = await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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

    private PostgresStatement Set(int index, object value)
    {
        _command.Parameters[index - 1].Value = value;
        return this;
    }

    [GeneratedRegex(@"\?(\d+)")]
    private static partial Regex Positional();
}
