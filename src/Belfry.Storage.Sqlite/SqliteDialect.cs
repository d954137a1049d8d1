using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// SQLite's answers to <see cref="SqlDialect"/>: instants as INTEGER UTC ticks (<see cref="SqliteValues"/>), id lists
/// as one JSON array read with <c>json_each</c>, the scalar <c>min</c>, and no row locks: the store's one in-process
/// writer holds SQLite's write lock for the whole claim, so no other claimer can run between its SELECT and UPDATE.
/// Ticks add to an instant as integers, <c>IS NOT</c> is already NULL-safe, and the outbox's enqueue order is its rowid.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    /// <summary>The shared statements with this dialect's spellings, built once.</summary>
    public static readonly SqlStatements Statements = new(Instance);

    public override string ClaimLock(string table) => "";

    public override string RowLock => "";

    public override string EarliestInstant => "0";

    public override string OutboxInsertOrder => "rowid";

    // An embedded database has no clock but its node's: the offset a node measures against it is zero.
    public override string DatabaseTime => "@now";

    public override object Instant(DateTimeOffset value) => SqliteValues.Instant(value);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => SqliteValues.ReadInstant(reader, ordinal);

    public override object IdList(IEnumerable<string> ids) => SqliteValues.JsonArray(ids);

    public override string InIdList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override string Least(string left, string right) => $"min({left}, {right})";

    public override string Greatest(string left, string right) => $"max({left}, {right})";

    public override string PlusTicks(string instant, string ticks) => $"{instant} + {ticks}";

    public override string TicksBetween(string from, string to) => $"({to} - {from})";

    public override string IsDistinctFrom(string left, string right) => $"{left} IS NOT {right}";

    /// <summary>
    /// SQLite's faults of the whole file: full (SQLITE_FULL, the disk or the file system), busy or locked (another
    /// process holds the write lock past <c>busy_timeout</c>), an I/O error, a file it cannot open or write. Any other
    /// code (a constraint, a malformed value) may be about one row.
    /// </summary>
    public override string? Unavailable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: var code }
            ? (code & 0xFF) switch
            {
                13 => "the SQLite database's disk is full (SQLITE_FULL)",
                5 or 6 => "the SQLite database is locked by another process (SQLITE_BUSY)",
                10 => "the SQLite database cannot be read or written (SQLITE_IOERR)",
                8 => "the SQLite database is read-only (SQLITE_READONLY)",
                14 => "the SQLite database cannot be opened (SQLITE_CANTOPEN)",
                7 => "SQLite is out of memory (SQLITE_NOMEM)",
                _ => null,
            }
            : null;
}
