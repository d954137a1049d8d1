using System.Diagnostics.CodeAnalysis;

namespace Belfry.Core.Notifications;

/// <summary>
/// A channel secret (a webhook URL, an HMAC key) as given: a reference <c>env:NAME</c> or <c>file:PATH</c>, resolved
/// by the server when it sends, or a stored value. Only references are ever shown (<see cref="Reference"/>);
/// <see cref="ToString"/> redacts a stored value, so a log or exception message cannot carry it.
/// </summary>
internal sealed record ChannelSecret(SecretSource Source, string Value)
{
    public const string EnvironmentPrefix = "env:";
    public const string FilePrefix = "file:";

    /// <summary>What may be shown: <c>env:NAME</c> or <c>file:PATH</c>; null for a stored value.</summary>
    public string? Reference => Source switch
    {
        SecretSource.Environment => EnvironmentPrefix + Value,
        SecretSource.File => FilePrefix + Value,
        _ => null,
    };

    public override string ToString() => Reference ?? "(stored secret)";

    /// <summary>
    /// <c>env:NAME</c> (NAME: letters, digits and underscores, not starting with a digit), <c>file:PATH</c> (PATH not
    /// empty), or else a stored value. False, with a reason that never repeats the value, when a reference is malformed.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ChannelSecret? secret, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        secret = null;
        error = null;
        if (text.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            var name = text[EnvironmentPrefix.Length..];
            if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                error = $"\"{text}\" is not a valid environment variable reference; expected env:NAME with letters, digits and underscores.";
                return false;
            }

            secret = new ChannelSecret(SecretSource.Environment, name);
            return true;
        }

        if (text.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var path = text[FilePrefix.Length..];
            if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl))
            {
                error = $"\"{text}\" is not a valid file reference; expected file:PATH.";
                return false;
            }

            secret = new ChannelSecret(SecretSource.File, path);
            return true;
        }

        if (text.Length == 0)
        {
            error = "must not be empty.";
            return false;
        }

        secret = new ChannelSecret(SecretSource.Stored, text);
        return true;
    }
}
