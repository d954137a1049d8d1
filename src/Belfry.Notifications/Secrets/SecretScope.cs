namespace Belfry.Notifications.Secrets;

/// <summary>
/// Where secret references may point (docs/security.md, "Secret references"): <c>file:</c> only below
/// <see cref="Directory"/>, <c>env:</c> only variables whose names start with <see cref="EnvironmentPrefix"/>. Without
/// the limits a caller of the admin API could read any file the server can (<c>/dev/zero</c>, a FIFO) or turn any
/// variable (<c>BELFRY_ADMIN_TOKEN</c>) into an HMAC key for a URL of their choosing. These checks are lexical and
/// touch no file, so they say nothing about what exists; <see cref="SecretFile"/> checks the real path when reading.
/// </summary>
internal sealed record SecretScope
{
    public const string DefaultEnvironmentPrefix = "BELFRY_SECRET_";

    /// <param name="directory">The secrets directory; made absolute. Null refuses every <c>file:</c> reference.</param>
    /// <param name="environmentPrefix">The prefix every <c>env:</c> name must have; not empty.</param>
    public SecretScope(string? directory, string environmentPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentPrefix);
        Directory = directory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        EnvironmentPrefix = environmentPrefix;
    }

    public string? Directory { get; }

    public string EnvironmentPrefix { get; }

    public bool AllowsVariable(string name) =>
        name.Length > EnvironmentPrefix.Length && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The absolute path a <c>file:</c> reference names (relative ones are taken in the directory), or null when it is
    /// not below the directory, contains a <c>..</c> segment, or there is no directory.
    /// </summary>
    public string? PathOf(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Directory is null || reference.Length == 0 ||
            reference.Split('/', '\\').Any(segment => segment == ".."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Directory, reference));
        return IsBelow(full, Directory) ? full : null;
    }

    /// <summary>The refusal for a reference outside the scope; it names the setting, never what exists.</summary>
    public string FileRefusal(string reference) => Directory is null
        ? $"\"file:{reference}\" cannot be used: the server has no secrets directory (Belfry:Secrets:Directory)."
        : $"\"file:{reference}\" must name a file in the server's secrets directory {Directory} (Belfry:Secrets:Directory), without \"..\".";

    public string VariableRefusal(string name) =>
        $"\"env:{name}\" cannot be used: the server only lends environment variables whose names start with {EnvironmentPrefix} (Belfry:Secrets:EnvironmentPrefix).";

    /// <summary>Strictly below: the directory itself is not a file in it.</summary>
    internal static bool IsBelow(string path, string directory)
    {
        var prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
