using System.Globalization;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// The <c>--store</c> value (<c>BELFRY_STORE</c>) as Npgsql takes it: an Npgsql keyword string
/// (<c>Host=db;Username=belfry;Database=belfry</c>) as it is, or a <c>postgres://</c> / <c>postgresql://</c> URL as libpq
/// and most hosting providers write it (<c>postgres://user:password@host:5432/db?sslmode=require</c>), which Npgsql does
/// not read itself. Errors name the part that is wrong and never repeat the value: it may hold a password.
/// </summary>
internal static class PostgresConnectionString
{
    // The URL query parameters libpq documents that have an Npgsql keyword of the same meaning. Anything else is refused
    // rather than dropped, so a setting the user relies on (e.g. sslrootcert) is never silently ignored.
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslrootcert"] = "Root Certificate",
        ["passfile"] = "Passfile",
    };

    /// <summary>True when <paramref name="value"/> asks for PostgreSQL: a URL with a postgres scheme or a keyword string.</summary>
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <paramref name="value"/> into Npgsql's settings; throws <see cref="ArgumentException"/> with a message fit
    /// for the user (no password in it) when it is neither a valid keyword string nor a valid URL, or names no host.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var builder = IsUrl(trimmed) ? FromUrl(trimmed) : FromKeywords(trimmed);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL store names no host: add Host=… (or the host of a postgres:// URL).");
        }

        return builder;
    }

    /// <summary>Host, port, database and user, never the password: what a log line or an error may show of a store.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{builder.Username ?? "(default user)"}@{builder.Host}:{builder.Port}/{builder.Database ?? "(default database)"}");
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's message names the keyword ("Keyword not supported: 'hots'"), not the value; keep only that kind.
            var keyword = e is ArgumentException { ParamName: { Length: > 0 } name } ? $" ('{name}')" : "";
            throw new ArgumentException(
                $"The PostgreSQL store is not a valid Npgsql connection string{keyword}: write it as keywords, e.g. " +
                "\"Host=db;Username=belfry;Database=belfry\", or as a postgres://user@host:5432/database URL.");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        // System.Uri takes one host; libpq URLs may list several (host1:5432,host2:5432), so split the authority by hand.
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = value.IndexOfAny(['/', '?'], schemeEnd);
        var authority = pathStart < 0 ? value[schemeEnd..] : value[schemeEnd..pathStart];
        var rest = pathStart < 0 ? "" : value[pathStart..];
        var builder = new NpgsqlConnectionStringBuilder();

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(colon < 0 ? userInfo : userInfo[..colon], "user name");
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], "password");
            }
        }

        var hosts = Hosts(authority);
        if (hosts.Count == 1)
        {
            builder.Host = hosts[0].Host;
            if (hosts[0].Port is { } port)
            {
                builder.Port = port;
            }
        }
        else
        {
            builder.Host = string.Join(',', hosts.Select(h => h.Port is { } port ? $"{h.Host}:{port}" : h.Host));
        }

        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rest : rest[..query];
        if (path.Length > 1)
        {
            builder.Database = Decode(path[1..], "database name");
        }

        if (query >= 0)
        {
            ApplyQuery(builder, rest[(query + 1)..]);
        }

        return builder;
    }

    // Npgsql takes several hosts as "host1:5432,host2:5433" in Host; an IPv6 literal comes in brackets in a URL.
    private static List<(string Host, int? Port)> Hosts(string authority)
    {
        var hosts = new List<(string Host, int? Port)>();
        foreach (var part in authority.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var host = part;
            int? port = null;
            var portColon = part.StartsWith('[') ? part.IndexOf("]:", StringComparison.Ordinal) + 1 : part.LastIndexOf(':');
            if (portColon > 0)
            {
                host = part[..portColon];
                if (!ushort.TryParse(part[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
                {
                    throw new ArgumentException("The postgres:// URL of the store has a port that is not a number from 1 to 65535.");
                }

                port = number;
            }

            hosts.Add((Decode(host.Trim('[', ']'), "host"), port));
        }

        return hosts;
    }

    private static void ApplyQuery(NpgsqlConnectionStringBuilder builder, string query)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals], "query parameter");
            if (!QueryKeywords.TryGetValue(name, out var keyword))
            {
                throw new ArgumentException(
                    $"The postgres:// URL of the store has the parameter '{name}', which Belfry does not pass on; it takes " +
                    $"{string.Join(", ", QueryKeywords.Keys)}. Write the store as an Npgsql keyword string for anything else.");
            }

            var setting = equals < 0 ? "" : Decode(pair[(equals + 1)..], $"value of {name}");
            try
            {
                builder[keyword] = string.Equals(name, "sslmode", StringComparison.OrdinalIgnoreCase) ? SslMode(setting) : setting;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"The postgres:// URL of the store has a value for '{name}' that Npgsql does not accept.");
            }
        }
    }

    // libpq spells the modes in lower case with dashes (verify-full); Npgsql's enum has no dashes.
    private static string SslMode(string value) => value.Replace("-", "", StringComparison.Ordinal);

    private static string Decode(string part, string what)
    {
        try
        {
            return Uri.UnescapeDataString(part);
        }
        catch (UriFormatException)
        {
            throw new ArgumentException($"The postgres:// URL of the store has a {what} that is not valid percent-encoding.");
        }
    }
}
