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

    /// <summary>
    /// The file's size on disk with its WAL, and the bytes its pages in use hold, read from the latest snapshot (a WAL
    /// file keeps its size after a checkpoint, so the files grow in steps; deleted rows free pages the file keeps).
    /// </summary>
    public static async Task<(long OnDisk, long Used)> SizeAsync(string file)
    {
        var onDisk = new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        await using var sqlite = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        await using var pages = sqlite.CreateCommand();
        pages.CommandText = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";
        return (onDisk, (long)(await pages.ExecuteScalarAsync())!);
    }
}
