using Microsoft.Data.Sqlite;

namespace Belfry.LoadBench.Peers;

internal static class SqliteFiles
{
    /// <summary>Creates the file in WAL mode (a property of the file), so every SQLite-backed system runs as Belfry's does.</summary>
    public static async Task UseWalAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
