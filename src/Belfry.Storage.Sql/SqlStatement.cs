namespace Belfry.Storage.Sql;

/// <summary>
/// One prepared statement in a <see cref="StoreTransaction"/>, for the statements every delivery runs (planning's
/// per-row writes, the new execution's INSERT, the attempt record): prepared once per transaction, bound by position
/// (<c>?1</c>, <c>?2</c>, … in the shared text; a database rewrites them to its own spelling), executed, and reset for
/// the next use. Instants are bound and read here, in the database's encoding, never as ticks by the caller; durations
/// stay 64-bit ticks everywhere. Execution is asynchronous for a server database and completes synchronously where the
/// database is in-process (SQLite), so the hot path allocates nothing for it there.
/// </summary>
internal abstract class SqlStatement : IDisposable
{
    public abstract SqlStatement Bind(int index, long value);

    public SqlStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public abstract SqlStatement Bind(int index, int value);

    public SqlStatement Bind(int index, int? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public abstract SqlStatement Bind(int index, bool value);

    public abstract SqlStatement Bind(int index, string? value);

    /// <summary>Binds an instant in the database's encoding (the one <see cref="Instant"/> reads back).</summary>
    public abstract SqlStatement BindInstant(int index, DateTimeOffset value);

    public SqlStatement BindInstant(int index, DateTimeOffset? value) => value is { } v ? BindInstant(index, v) : BindNull(index);

    /// <summary>
    /// <paramref name="value"/> as <see cref="BindInstant(int, DateTimeOffset)"/> stores it (PostgreSQL keeps whole
    /// microseconds), so that what a store returns of a row it wrote equals what a later read gives.
    /// </summary>
    public virtual DateTimeOffset Stored(DateTimeOffset value) => value;

    public abstract SqlStatement BindNull(int index);

    /// <summary>
    /// Runs the statement as bound as part of its transaction's batch of writes whose results nobody reads: an
    /// embedded database runs it now; a server database sends the batch in one round trip at the transaction's next
    /// <see cref="StoreTransaction.FlushAsync"/>, at its next prepared statement, or before it commits, whichever
    /// comes first (bench/README.md, "What limits Belfry on PostgreSQL"). A <see cref="StoreTransaction.Command"/>
    /// run meanwhile would run before the batch: flush first.
    /// </summary>
    public abstract ValueTask EnqueueAsync(CancellationToken cancellationToken);

    /// <summary>Runs the statement to its end and resets it; returns the rows it changed.</summary>
    public abstract ValueTask<int> ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Runs the statement and reads its first row with <paramref name="read"/>, or returns default when there is none; resets it.</summary>
    public abstract ValueTask<T?> ExecuteFirstAsync<T>(Func<SqlStatement, T> read, CancellationToken cancellationToken);

    public abstract bool IsNull(int column);

    public abstract long Int64(int column);

    public abstract int Int32(int column);

    public abstract bool Boolean(int column);

    public abstract string? Text(int column);

    /// <summary>The instant in <paramref name="column"/>, at offset zero.</summary>
    public abstract DateTimeOffset Instant(int column);

    public DateTimeOffset? NullableInstant(int column) => IsNull(column) ? null : Instant(column);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
