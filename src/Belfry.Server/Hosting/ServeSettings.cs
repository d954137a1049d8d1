using System.Globalization;
using Belfry.Server.Retention;

namespace Belfry.Server.Hosting;

/// <summary>What <c>belfry serve</c> passes to the server: its flags, as configuration.</summary>
internal sealed record ServeSettings(string DataDirectory, string HostPort)
{
    /// <summary><c>--store</c>: <c>Belfry:Store</c>; null keeps BELFRY_STORE or, without it, the embedded SQLite store.</summary>
    public string? Store { get; init; }

    /// <summary><c>--issuer</c>: <c>Belfry:Issuer</c>; null keeps the default (the server's own URL).</summary>
    public string? Issuer { get; init; }

    /// <summary><c>--admin-token-file</c>: <c>Belfry:AdminTokenFile</c>.</summary>
    public string? AdminTokenFile { get; init; }

    /// <summary><c>--allowed-hosts</c>, comma-separated: <c>Belfry:AllowedHosts</c>.</summary>
    public string? AllowedHosts { get; init; }

    /// <summary><c>--allowed-origins</c>, comma-separated: <c>Belfry:AllowedOrigins</c>.</summary>
    public string? AllowedOrigins { get; init; }

    /// <summary><c>--trust-proxy</c>: <c>Belfry:TrustProxy</c>.</summary>
    public bool TrustProxy { get; init; }

    /// <summary><c>--secrets-dir</c>: <c>Belfry:Secrets:Directory</c>; null keeps the default (DATA_DIR/secrets).</summary>
    public string? SecretsDirectory { get; init; }

    /// <summary><c>--log-format</c>: <c>Belfry:Logging:Format</c> (text or json); null keeps the default (text).</summary>
    public string? LogFormat { get; init; }

    /// <summary><c>--execution-retention</c>: <c>Belfry:Retention:ExecutionAge</c>; null keeps the default (30 days), zero keeps everything.</summary>
    public TimeSpan? ExecutionRetention { get; init; }

    public string[] ToArgs()
    {
        var args = new List<string>
        {
            $"--{ServerOptions.SectionName}:DataDirectory={DataDirectory}",
            $"--urls=http://{HostPort}",
        };
        if (!string.IsNullOrEmpty(Store))
        {
            args.Add($"--{ServerOptions.SectionName}:Store={Store}");
        }

        if (!string.IsNullOrEmpty(Issuer))
        {
            args.Add($"--{ServerOptions.SectionName}:Issuer={Issuer}");
        }

        if (!string.IsNullOrEmpty(AdminTokenFile))
        {
            args.Add($"--{ServerOptions.SectionName}:AdminTokenFile={AdminTokenFile}");
        }

        AddList(args, "AllowedHosts", AllowedHosts);
        AddList(args, "AllowedOrigins", AllowedOrigins);
        if (TrustProxy)
        {
            args.Add($"--{ServerOptions.SectionName}:TrustProxy=true");
        }

        if (!string.IsNullOrEmpty(SecretsDirectory))
        {
            args.Add($"--{ServerOptions.SectionName}:Secrets:Directory={SecretsDirectory}");
        }

        if (!string.IsNullOrEmpty(LogFormat))
        {
            args.Add($"--{ServerOptions.SectionName}:Logging:Format={LogFormat}");
        }

        if (ExecutionRetention is { } age)
        {
            args.Add($"--{RetentionOptions.SectionName}:{nameof(RetentionOptions.ExecutionAge)}={age.ToString("c", CultureInfo.InvariantCulture)}");
        }

        return [.. args];
    }

    private static void AddList(List<string> args, string key, string? commaSeparated)
    {
        var items = commaSeparated?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        for (var i = 0; i < items.Length; i++)
        {
            args.Add($"--{ServerOptions.SectionName}:{key}:{i}={items[i]}");
        }
    }
}
