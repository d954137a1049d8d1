namespace Belfry.Storage.Sqlite;

/// <summary>
/// The store holds the issuer's private signing keys, so its files are readable by their owner only (0600) on Unix.
/// SQLite creates the -wal and -shm files with the database file's mode, so creating belfry.db as 0600 covers them;
/// files left by an older Belfry are tightened when the store opens.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    /// <summary>Creates <paramref name="databasePath"/> empty and private when missing (SQLite takes an empty file as a new database).</summary>
    public static void CreateIfMissing(string databasePath)
    {
        if (OperatingSystem.IsWindows() || File.Exists(databasePath))
        {
            return;
        }

        try
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerReadWrite,
            });
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // Created meanwhile; Restrict below sets its mode.
        }
    }

    /// <summary>Sets the database file and its -wal and -shm companions, where present, to 0600.</summary>
    public static void Restrict(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var suffix in Suffixes)
        {
            var path = databasePath + suffix;
            if (File.Exists(path) && File.GetUnixFileMode(path) != OwnerReadWrite)
            {
                File.SetUnixFileMode(path, OwnerReadWrite);
            }
        }
    }
}
