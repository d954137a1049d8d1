using Belfry.Core.Storage;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// One server per data directory: an exclusive OS lock on <c>belfry.lock</c>, held for the store's lifetime.
/// On Linux and macOS .NET takes FileShare.None as a non-blocking <c>flock(LOCK_EX)</c>, which holds across
/// processes (and against a second open in the same process) and which the kernel drops when the holder dies,
/// even by kill -9, so a crash never leaves a stale lock behind. On Windows it is a share-mode lock, same effect.
/// (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns this off; don't.)
/// </summary>
internal sealed class DataDirectoryLock : IAsyncDisposable
{
    public const string FileName = "belfry.lock";

    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new StoreLockedException(
                $"Another Belfry server is already using the data directory {directory} (lock held on {path}). " +
                "Stop it, or give this server another data directory.");
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
