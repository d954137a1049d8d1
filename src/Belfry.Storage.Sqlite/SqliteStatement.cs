using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// SQLite's <see cref="SqlStatement"/>: bound by position (<c>?1</c>, <c>?2</c>, …) and run through SQLitePCL directly,
/// inside the connection's current transaction. For the statements every delivery runs (bench/README.md, "What limits
/// Belfry"): Microsoft.Data.Sqlite allocates a binder per parameter and a reader per execution, which at thousands of
/// deliveries a second was most of the store's garbage. Instants are INTEGER UTC ticks (<see cref="SqliteValues"/>);
/// every execution completes synchronously.
/// </summary>
internal sealed class SqliteStatement : SqlStatement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    public override SqlStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public override SqlStatement Bind(int index, int value)
    {
        Check(raw.sqlite3_bind_int(_statement, index, value));
        return this;
    }

    public override SqlStatement Bind(int index, bool value) => Bind(index, value ? 1 : 0);

    public override SqlStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public override SqlStatement BindInstant(int index, DateTimeOffset value) => Bind(index, SqliteValues.Instant(value));

    public override SqlStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public override ValueTask<int> ExecuteAsync(CancellationToken cancellationToken) => new(Execute());

    // In-process: a statement costs no round trip, so there is nothing to gain by holding it back.
    public override ValueTask EnqueueAsync(CancellationToken cancellationToken)
    {
        Execute();
        return ValueTask.CompletedTask;
    }

    public override ValueTask<T?> ExecuteFirstAsync<T>(Func<SqlStatement, T> read, CancellationToken cancellationToken) where T : default =>
        new(ExecuteFirst(read));

    public override bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public override long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public override int Int32(int column) => raw.sqlite3_column_int(_statement, column);

    public override bool Boolean(int column) => Int64(column) != 0;

    public override string? Text(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public override DateTimeOffset Instant(int column) => new(Int64(column), TimeSpan.Zero);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _statement.Dispose();
        }
    }

    /// <summary>Runs the statement to its end and resets it; returns the rows it changed.</summary>
    private int Execute()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs the statement and reads its first row with <paramref name="read"/>, or returns default when there is none; resets it.</summary>
    private T? ExecuteFirst<T>(Func<SqlStatement, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            if (!Step())
            {
                return default;
            }

            var value = read(this);
            while (Step())
            {
            }

            return value;
        }
        finally
        {
            Reset();
        }
    }

    private bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    private void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
