namespace Belfry.Notifications.Secrets;

/// <summary>
/// Resolves secret references where the sender runs (the server's environment, not the CLI's):
/// <c>env:NAME</c> reads an environment variable, <c>file:PATH</c> a file (surrounding whitespace trimmed, so a
/// trailing newline does no harm). Anything else is a literal value. Errors name the reference, never a value.
/// </summary>
internal sealed class SecretResolver(Func<string, string?> getEnvironmentVariable, Func<string, string> readFile)
{
    public const string EnvironmentPrefix = "env:";
    public const string FilePrefix = "file:";

    /// <summary>Resolves from this process's environment and file system.</summary>
    public static SecretResolver System { get; } = new(Environment.GetEnvironmentVariable, File.ReadAllText);

    public string Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            return FromEnvironment(reference[EnvironmentPrefix.Length..]);
        }

        return reference.StartsWith(FilePrefix, StringComparison.Ordinal) ? FromFile(reference[FilePrefix.Length..]) : reference;
    }

    public string FromEnvironment(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new SecretUnavailableException($"The environment variable {name} is not set on the server.")
            : value.Trim();
    }

    public string FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = readFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SecretUnavailableException($"The file {path} cannot be read on the server ({e.GetType().Name}).");
        }

        return string.IsNullOrWhiteSpace(text) ? throw new SecretUnavailableException($"The file {path} is empty.") : text.Trim();
    }
}
