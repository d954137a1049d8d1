using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>A <see cref="StoreTransaction"/> on a SQLite connection: prepared statements are <see cref="SqliteStatement"/>s.</summary>
internal sealed class SqliteStoreTransaction(SqlDatabase database, SqliteConnection connection, SqliteTransaction transaction)
    : StoreTransaction(database, connection, transaction)
{
    public override SqlStatement Prepare(string sql) => new SqliteStatement(connection, sql);
}
