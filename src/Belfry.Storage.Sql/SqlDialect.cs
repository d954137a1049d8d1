using System.Data.Common;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// What one database does differently from the other, and nothing else (issue 11; the SDK's ledger,
/// <c>SqlExecutionLedger</c>, is the model): how an instant is stored, how a list of ids is passed and read, the
/// smaller of two values, and how a claim locks the rows it takes, plus the few spellings that follow from those (an
/// instant plus ticks, NULL-safe inequality, the earliest instant, enqueue order). Everything else, the column lists,
/// row readers and binders (JobRows, ExecutionRows, …) and the statements (JobSql, DispatchSql, …, built once per
/// dialect by <see cref="SqlStatements"/>), is shared and asks the dialect for these.
/// </summary>
internal abstract class SqlDialect : IStoreFaults
{
    /// <summary>An instant as a parameter value, in the encoding <see cref="ReadInstant"/> reads back.</summary>
    public abstract object Instant(DateTimeOffset value);

    /// <summary>An optional instant as a parameter value; null is SQL NULL.</summary>
    public object Instant(DateTimeOffset? value) => value is { } instant ? Instant(instant) : DBNull.Value;

    /// <summary>The instant in column <paramref name="ordinal"/>, as an offset-zero <see cref="DateTimeOffset"/>.</summary>
    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadNullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    /// <summary>A list of ids as one parameter value, for a statement that reads it with <see cref="InIdList"/>.</summary>
    public abstract object IdList(IEnumerable<string> ids);

    /// <summary>The condition "<paramref name="column"/> is one of the ids in <paramref name="parameter"/>" (an <see cref="IdList"/>).</summary>
    public abstract string InIdList(string column, string parameter);

    /// <summary>The smaller of two SQL expressions (a scalar function, not the aggregate).</summary>
    public abstract string Least(string left, string right);

    /// <summary>The larger of two SQL expressions (a scalar function, not the aggregate).</summary>
    public abstract string Greatest(string left, string right);

    /// <summary>
    /// What a claim's SELECT ends with to lock the rows it takes from <paramref name="table"/> (the table's alias where
    /// the claim gives it one), and only those: the attempt claim joins <c>jobs</c>, whose rows the planner must still
    /// be able to take. Concurrent claimers never take the same row; empty where the store's single writer already
    /// guarantees that.
    /// </summary>
    public abstract string ClaimLock(string table);

    /// <summary>
    /// What a SELECT ends with to lock the rows it reads until its transaction ends, waiting for another holder: how
    /// two claims side by side (<see cref="SqlDatabase.ClaimAsync{T}"/>) that touch one pipeline run take turns. Empty
    /// where the store's single writer already excludes them.
    /// </summary>
    public abstract string RowLock { get; }

    /// <summary><see cref="ClaimLock"/> to append to a claim's SELECT: nothing, or a space and the lock clause.</summary>
    public string ClaimLockSuffix(string table) => ClaimLock(table) is { Length: > 0 } clause ? " " + clause : "";

    /// <summary>The instant <paramref name="ticks"/> (a 64-bit count of 100 ns ticks, as durations are stored) after <paramref name="instant"/>.</summary>
    public abstract string PlusTicks(string instant, string ticks);

    /// <summary>
    /// The time from the instant <paramref name="from"/> to the instant <paramref name="to"/> as a 64-bit count of 100 ns
    /// ticks, as durations are stored: what a statement sums, averages or ranks.
    /// </summary>
    public abstract string TicksBetween(string from, string to);

    /// <summary>"<paramref name="left"/> differs from <paramref name="right"/>", NULL counting as a value (SQL's IS DISTINCT FROM).</summary>
    public abstract string IsDistinctFrom(string left, string right);

    /// <summary>An instant literal no stored instant precedes, so that ordering by <c>coalesce(x, EarliestInstant)</c> puts NULLs first.</summary>
    public abstract string EarliestInstant { get; }

    /// <summary>
    /// The database's current time as an SQL expression, for a node to measure its clock against (issue 12, "Clocks"):
    /// the server's own clock, read as the statement runs, where there is one; where there is none (an embedded
    /// database), the <c>@now</c> parameter, which the store always binds to its node's clock.
    /// </summary>
    public abstract string DatabaseTime { get; }

    /// <summary>Whether <see cref="DatabaseTime"/> is the server's clock rather than the node's.</summary>
    public bool HasClock => DatabaseTime != "@now";

    /// <summary>
    /// A column of <c>notification_outbox</c> that grows with each insert, so that a claim can hand the relay one
    /// channel's events in the order they were enqueued (ids made within one instant are random).
    /// </summary>
    public abstract string OutboxInsertOrder { get; }

    /// <summary>
    /// The engine's faults of the whole store (<see cref="IStoreFaults"/>): a full disk, a lock held elsewhere, a lost
    /// connection. By default none: every fault may be about the rows written.
    /// </summary>
    public virtual string? Unavailable(Exception exception) => null;
}
