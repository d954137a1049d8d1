using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>A <see cref="StoreTransaction"/> on a PostgreSQL connection: prepared statements are <see cref="PostgresStatement"/>s.</summary>
internal sealed class PostgresStoreTransaction(SqlDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction)
    : StoreTransaction(database, connection, transaction)
{
    public override SqlStatement Prepare(string sql) => new PostgresStatement(connection, transaction, sql);
}
