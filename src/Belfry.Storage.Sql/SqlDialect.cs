using System.Data.Common;

namespace Belfry.Storage.Sql;

/// <summary>
/// What one database does differently from the other, and nothing else (issue 11; the SDK's ledger,
/// <c>SqlExecutionLedger</c>, is the model): how an instant is stored, how a list of ids is passed and read, the
/// smaller of two values, and how a claim locks the rows it takes. Everything else, the column lists, row readers and
/// binders (JobRows, ExecutionRows, …), is shared and asks the dialect for these.
/// </summary>
internal abstract class SqlDialect
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

    /// <summary>
    /// What a claim's SELECT ends with to lock the rows it takes, so that concurrent claimers never take the same row;
    /// empty where the store's single writer already guarantees that.
    /// </summary>
    public abstract string ClaimLock { get; }
}
