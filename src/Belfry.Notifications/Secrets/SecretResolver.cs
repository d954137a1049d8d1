namespace Belfry.Notifications.Secrets;

/// <summary>
/// Resolves secret references where the sender runs (the server's environment, not the CLI's), within a
/// <see cref="SecretScope"/>: <c>env:NAME</c> reads a variable with the scope's prefix, <c>file:PATH</c> a small
/// regular file in the scope's directory (<see cref="SecretFile"/>; surrounding whitespace trimmed, so a trailing
/// newline does no harm). Anything else is a literal value. The scope is checked again here, not only when a channel
/// is saved, because the settings may have changed since. Errors name the reference, never a value.
/// </summary>
internal sealed class SecretResolver(SecretScope scope, Func<string, string?> getEnvironmentVariable)
{
    public const string EnvironmentPrefix = "env:";
    public const string FilePrefix = "file:";

    public SecretScope Scope => scope;

    /// <summary>Resolves from this process's environment and file system.</summary>
    public static SecretResolver ForProcess(SecretScope scope) => new(scope, Environment.GetEnvironmentVariable);

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
        if (!scope.AllowsVariable(name))
        {
            throw new SecretUnavailableException(scope.VariableRefusal(name));
        }

        var value = getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new SecretUnavailableException($"The environment variable {name} is not set on the server.")
            : value.Trim();
    }

    public string FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (scope.PathOf(path) is not { } full || scope.Directory is not { } directory)
        {
            throw new SecretUnavailableException(scope.FileRefusal(path));
        }

        // One message for every reason, so that it does not tell whether (or what) a path is.
        return SecretFile.TryRead(full, directory) ?? throw new SecretUnavailableException(
            $"file:{path} cannot be read on the server: it must be a readable, non-empty regular file of at most " +
            $"{SecretFile.MaxBytes} bytes in the secrets directory.");
    }
}
