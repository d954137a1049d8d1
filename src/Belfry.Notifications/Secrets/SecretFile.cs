using System.Text;

namespace Belfry.Notifications.Secrets;

/// <summary>
/// Reads a secret file without trusting it: the real path (every symbolic link followed) must stay below the real
/// secrets directory, and the file must be a regular one of 1 to <see cref="MaxBytes"/> bytes. Symbolic links are
/// followed rather than refused because Kubernetes mounts secrets as links into a hidden, versioned directory next
/// to them (<c>key → ..data/key</c>); a link leaving the directory is refused like anything else.
/// </summary>
internal static class SecretFile
{
    /// <summary>Plenty for a webhook URL (at most 2,083 characters) or an HMAC key.</summary>
    public const int MaxBytes = 4096;

    // As Linux's SYMLOOP_MAX: a loop of links ends here instead of spinning.
    private const int MaxLinks = 40;

    /// <summary>
    /// The file's text, trimmed; null when it cannot be used, for whatever reason (missing, unreadable, a link out,
    /// not a regular file, empty, too big), so a caller's message cannot tell which and so whether a path exists.
    /// </summary>
    public static string? TryRead(string path, string directory)
    {
        try
        {
            if (RealPath(directory) is not { } realDirectory || RealPath(path) is not { } real || !SecretScope.IsBelow(real, realDirectory))
            {
                return null;
            }

            // The size comes from stat, before opening: FIFOs, devices (/dev/zero) and /proc files all report 0, so
            // they are never opened (opening a FIFO blocks until a writer comes) nor read without end.
            var info = new FileInfo(real);
            if (!info.Exists || info.Length is 0 or > MaxBytes)
            {
                return null;
            }

            using var handle = File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

            // One byte more than allowed, so a file that grew since stat is seen as too big rather than cut short.
            var buffer = new byte[MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
            {
                total += read;
            }

            var text = total > MaxBytes ? "" : Encoding.UTF8.GetString(buffer, 0, total).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The path with every symbolic link, <c>.</c> and <c>..</c> resolved, as realpath(3); null on a link loop.</summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(Segments(full[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, segment);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            foreach (var part in Segments(target))
            {
                pending.Push(part);
            }
        }

        return current;
    }

    // Reversed, so that pushing them onto the stack leaves the first on top.
    private static IEnumerable<string> Segments(string path) => path.Split('/', '\\').Reverse();
}
