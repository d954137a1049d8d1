using Belfry.Notifications.Secrets;
using Belfry.Server.Hosting;

namespace Belfry.Server.Notifications;

/// <summary>
/// Where channel secret references may point (section <c>Belfry:Secrets</c>; docs/security.md, "Secret references").
/// </summary>
internal sealed class SecretOptions
{
    public const string SectionName = "Belfry:Secrets";

    /// <summary>
    /// The only directory <c>file:</c> references may read (<c>belfry serve --secrets-dir</c>); relative references are
    /// taken in it. Default: <c>secrets</c> in the data directory. It need not exist; until it does, every
    /// <c>file:</c> reference fails to resolve.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>The prefix every <c>env:</c> reference's variable must have.</summary>
    public string EnvironmentPrefix { get; set; } = SecretScope.DefaultEnvironmentPrefix;

    /// <summary>
    /// A name-like prefix that cannot lend the server's own settings: <c>BELFRY_ADMIN_TOKEN</c> must stay out of reach
    /// whatever the prefix (an HMAC key is a value sent, in effect, to a URL the caller chose).
    /// </summary>
    public bool IsValid() =>
        EnvironmentPrefix.Length > 0 && !char.IsAsciiDigit(EnvironmentPrefix[0]) &&
        EnvironmentPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') &&
        !AdminAccessOptions.EnvironmentVariable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) &&
        (Directory is null || Directory.Length > 0);

    public SecretScope Scope(string dataDirectory) =>
        new(Directory ?? Path.Combine(dataDirectory, "secrets"), EnvironmentPrefix);
}
