namespace Belfry.Storage.Sql;

/// <summary>
/// Statements on <c>nodes</c> (db/sqlite/0008_nodes.sql, db/postgres/0002_nodes.sql). The heartbeat and the list read
/// the database's time (<see cref="SqlDialect.DatabaseTime"/>), so their text is the dialect's.
/// </summary>
internal sealed class NodeSql(SqlDialect dialect)
{
    /// <summary>Every node by id.</summary>
    public const string List = $"SELECT {NodeRows.Columns} FROM nodes n ORDER BY n.id";

    /// <summary>
    /// The node's row, inserted or replaced, stamped with the database's time, which it answers: one statement, so the
    /// time is read within the round trip the node measures.
    /// </summary>
    public string Heartbeat { get; } = $"""
        INSERT INTO nodes (id, address, version, start_time, heartbeat_time, executions_in_flight, clock_offset_ticks, refusal)
        VALUES (@id, @address, @nodeVersion, @startTime, {dialect.DatabaseTime}, @inFlight, @clockOffset, @refusal)
        ON CONFLICT (id) DO UPDATE SET address = excluded.address, version = excluded.version, start_time = excluded.start_time,
            heartbeat_time = excluded.heartbeat_time, executions_in_flight = excluded.executions_in_flight,
            clock_offset_ticks = excluded.clock_offset_ticks, refusal = excluded.refusal
        RETURNING heartbeat_time
        """;

    /// <summary>
    /// Nodes silent for longer than @forgetAfter (ticks) by the database's clock, not the node's: a node whose clock runs
    /// far ahead must not forget the others.
    /// </summary>
    public string Forget { get; } = $"DELETE FROM nodes WHERE heartbeat_time < {dialect.PlusTicks(dialect.DatabaseTime, "-@forgetAfter")}";

    /// <summary>The database's current time, for judging which nodes are gone.</summary>
    public string Now { get; } = $"SELECT {dialect.DatabaseTime}";
}
