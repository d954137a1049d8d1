using Microsoft.Extensions.Configuration.Memory;

namespace Belfry.Server.Hosting;

/// <summary>
/// The environment variables the CLI documents, each the lowest-precedence source of one setting, so any explicit
/// setting (appsettings, <c>Belfry__…</c>, the command line) wins over it: <c>BELFRY_ADMIN_TOKEN</c> for
/// <c>Belfry:AdminToken</c> and <c>BELFRY_STORE</c> for <c>Belfry:Store</c>. Both may hold secrets, which is why they
/// are read here and never shown as a flag's default value in <c>--help</c>.
/// </summary>
internal static class EnvironmentFallbacks
{
    private static readonly (string Variable, string Key)[] Fallbacks =
    [
        (AdminAccessOptions.EnvironmentVariable, $"{AdminAccessOptions.SectionName}:{nameof(AdminAccessOptions.AdminToken)}"),
        (ServerOptions.StoreEnvironmentVariable, $"{ServerOptions.SectionName}:{nameof(ServerOptions.Store)}"),
    ];

    public static void Add(IConfigurationBuilder configuration, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(getVariable);
        var values = Fallbacks
            .Select(f => KeyValuePair.Create(f.Key, getVariable(f.Variable)))
            .Where(f => !string.IsNullOrEmpty(f.Value))
            .ToList();
        if (values.Count > 0)
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        }
    }
}
