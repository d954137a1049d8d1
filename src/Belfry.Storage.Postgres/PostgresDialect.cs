using System.Data.Common;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// PostgreSQL's answers to <see cref="SqlDialect"/> (docs/architecture.md, "A new store"): instants as timestamptz at
/// offset zero, id lists as one <c>text[]</c> read with <c>= ANY</c>, <c>LEAST</c>, and claims that lock only the rows
/// they take and skip rows another node holds (<c>FOR UPDATE OF … SKIP LOCKED</c>), so nodes claim side by side.
/// Ticks become microseconds of an interval, NULL-safe inequality is <c>IS DISTINCT FROM</c>, and the outbox's
/// enqueue order is its <c>insert_order</c> bigserial (db/postgres/0001_initial.sql).
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    /// <summary>The shared statements with this dialect's spellings, built once.</summary>
    public static readonly SqlStatements Statements = new(Instance);

    public override string EarliestInstant => "'-infinity'::timestamptz";

    public override string OutboxInsertOrder => "insert_order";

    // The server's clock as the statement runs (now() would be the transaction's start, before the lock waits).
    public override string DatabaseTime => "clock_timestamp()";

    public override string ClaimLock(string table) => $"FOR UPDATE OF {table} SKIP LOCKED";

    public override string RowLock => "FOR UPDATE";

    /// <summary>
    /// The instant at offset zero (Npgsql writes only those to timestamptz), cut to whole microseconds, as PostgreSQL
    /// stores it: a bound value then equals the stored one it came from, so fences like <c>schedule_time &gt; @changed</c>
    /// compare what is stored, not 100 ns ticks that were never stored.
    /// </summary>
    public override object Instant(DateTimeOffset value) => ToStored(value);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    public override object IdList(IEnumerable<string> ids) => ids.ToArray();

    public override string InIdList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override string Least(string left, string right) => $"LEAST({left}, {right})";

    public override string Greatest(string left, string right) => $"GREATEST({left}, {right})";

    // interval has microseconds; a tick is 100 ns. The product is exact below 2^53 µs (285 years).
    public override string PlusTicks(string instant, string ticks) => $"{instant} + (({ticks}) / 10) * interval '1 microsecond'";

    // EXTRACT gives numeric seconds with the interval's microseconds (PostgreSQL 14 on), so the product is exact.
    public override string TicksBetween(string from, string to) => $"CAST(EXTRACT(EPOCH FROM {to} - {from}) * 10000000 AS bigint)";

    public override string IsDistinctFrom(string left, string right) => $"{left} IS DISTINCT FROM {right}";

    /// <summary>An instant as timestamptz holds it: UTC, whole microseconds (sub-microsecond ticks dropped, as Npgsql does).</summary>
    public static DateTimeOffset ToStored(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>
    /// PostgreSQL's faults of the whole database: no connection (Npgsql's own errors, SQLSTATE class 08), insufficient
    /// resources (class 53: a full disk, out of memory, too many connections), the server shutting down (57P), and the
    /// transient conflicts a retry of the same write resolves (a serialization failure, a deadlock, a lock or statement
    /// timeout). The reason names the SQLSTATE, never the connection string.
    /// </summary>
    public override string? Unavailable(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } when state.StartsWith("53", StringComparison.Ordinal) =>
            $"PostgreSQL is out of resources (SQLSTATE {state}: a full disk, memory or connections)",
        PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) =>
            $"PostgreSQL is unreachable or shutting down (SQLSTATE {state})",
        PostgresException { SqlState: "40001" or "40P01" or "55P03" or "57014" } e =>
            $"PostgreSQL is busy (SQLSTATE {e.SqlState}: a conflict or a lock or statement timeout)",
        PostgresException => null,
        NpgsqlException => "the connection to PostgreSQL failed",
        _ => null,
    };
}
