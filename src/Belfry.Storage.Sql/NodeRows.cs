using System.Data.Common;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>The columns of <c>nodes</c> (alias <c>n</c>) and their reader.</summary>
internal static class NodeRows
{
    public const string Columns =
        "n.id, n.address, n.version, n.start_time, n.heartbeat_time, n.executions_in_flight, n.clock_offset_ticks, n.refusal";

    public static NodeRecord Read(DbDataReader reader, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(dialect);
        var heartbeat = new NodeHeartbeat(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), dialect.ReadInstant(reader, 3), reader.GetInt32(5),
            SqlValues.ReadDuration(reader, 6), SqlValues.ReadNullableString(reader, 7));
        return new NodeRecord(heartbeat, dialect.ReadInstant(reader, 4));
    }
}
