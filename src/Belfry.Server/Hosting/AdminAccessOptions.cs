using Microsoft.Extensions.Configuration.Memory;

namespace Belfry.Server.Hosting;

/// <summary>
/// The admin API's bearer token, from the <c>Belfry</c> section (docs/identity.md, "Admin API"). Give one of
/// <c>Belfry:AdminToken</c> (or the environment variable <c>BELFRY_ADMIN_TOKEN</c>) and <c>Belfry:AdminTokenFile</c>.
/// </summary>
internal sealed class AdminAccessOptions
{
    public const string SectionName = "Belfry";

    /// <summary>The environment variable the CLI sends and the server falls back to for <c>Belfry:AdminToken</c>.</summary>
    public const string EnvironmentVariable = "BELFRY_ADMIN_TOKEN";

    /// <summary>The token itself; surrounding whitespace is ignored.</summary>
    public string? AdminToken { get; set; }

    /// <summary>A file holding the token (<c>belfry serve --admin-token-file</c>); read once at start, whitespace trimmed.</summary>
    public string? AdminTokenFile { get; set; }

    /// <summary>
    /// Makes <c>BELFRY_ADMIN_TOKEN</c> the lowest-precedence source of <c>Belfry:AdminToken</c>, so any explicit
    /// setting (appsettings, <c>Belfry__AdminToken</c>, the command line) wins over it.
    /// </summary>
    public static void AddEnvironmentFallback(IConfigurationBuilder configuration, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(EnvironmentVariable) is { Length: > 0 } token)
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = [KeyValuePair.Create<string, string?>($"{SectionName}:{nameof(AdminToken)}", token)],
            });
        }
    }
}
