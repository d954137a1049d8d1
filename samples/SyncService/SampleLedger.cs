using System.Data.Common;
using Belfry.AspNetCore;
using Npgsql;

namespace SyncService;

/// <summary>
/// Where the sample keeps its execution ledger, read from <c>ConnectionStrings__Ledger</c> (issue 12, point 6):
/// <list type="bullet">
/// <item>unset: <c>ledger.db</c> in the data directory (SQLite);</item>
/// <item>a value without <c>=</c>: a SQLite file path, as before (relative to the current directory);</item>
/// <item>a value with <c>=</c>: a connection string. <c>Data Source</c> (or <c>DataSource</c>, <c>Filename</c>) makes it
/// SQLite, and it may name nothing else (the SDK opens the file with its own settings); <c>Host</c> (or <c>Server</c>)
/// makes it PostgreSQL, and it is handed to the SDK's PostgreSQL ledger as it is, once Npgsql accepts every keyword.</item>
/// </list>
/// A <c>postgres://</c> URL is refused with a hint: Npgsql reads only keyword strings. Errors are
/// <see cref="FormatException"/>s that name the setting and never repeat a value, since a value may be a password.
/// </summary>
internal sealed class SampleLedger
{
    /// <summary>The environment variable's name, as an operator sets it; every message names it.</summary>
    public const string Setting = "ConnectionStrings__Ledger";

    private const string Forms =
        "Give a SQLite file path, \"Data Source=/path/ledger.db\", or an Npgsql connection string \"Host=…;Username=…;Database=…\".";

    private static readonly string[] SqliteFileKeys = ["Data Source", "DataSource", "Filename"];
    private static readonly string[] PostgresHostKeys = ["Host", "Server"];

    private SampleLedger(string? sqlitePath, string? postgresConnectionString)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
    }

    /// <summary>The SQLite ledger's full file path, or <see langword="null"/> for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The PostgreSQL ledger's Npgsql connection string, or <see langword="null"/> for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Reads the setting's value; <paramref name="configured"/> is <see langword="null"/> when it is unset.</summary>
    public static SampleLedger Parse(string? configured, string dataDirectory)
    {
        if (configured is null)
        {
            return Sqlite(Path.Combine(dataDirectory, "ledger.db"));
        }

        var value = configured.Trim();
        if (value.Length == 0)
        {
            throw Invalid("is empty; leave it unset for ledger.db in the data directory.");
        }

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("is a postgres:// URL, which Npgsql does not read; write it as keywords, e.g. \"Host=db;Port=5432;Username=sync;Password=…;Database=sync\".");
        }

        // A path never needs "=", a connection string always has one: the one rule that tells them apart.
        return value.Contains('=', StringComparison.Ordinal) ? FromConnectionString(value) : Sqlite(value);
    }

    /// <summary>Points the SDK at this ledger.</summary>
    public void Use(BelfryBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PostgresConnectionString is not null)
        {
            options.UsePostgresLedger(PostgresConnectionString);
        }
        else
        {
            options.UseSqliteLedger(SqlitePath!);
        }
    }

    /// <summary>Names the engine and the file, never a PostgreSQL connection string (it may carry a password).</summary>
    public override string ToString() => PostgresConnectionString is null ? $"SQLite {SqlitePath}" : "PostgreSQL";

    private static SampleLedger FromConnectionString(string value)
    {
        var pairs = new DbConnectionStringBuilder();
        try
        {
            pairs.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            // The parser's message may quote the text around the fault: say where to look, not what is there.
            throw Invalid("is not a well-formed connection string (key=value pairs separated by ';', values with ';' quoted).");
        }

        var keys = pairs.Keys.Cast<string>().ToList();
        var isSqlite = keys.Any(key => SqliteFileKeys.Contains(key, StringComparer.OrdinalIgnoreCase));
        var isPostgres = keys.Any(key => PostgresHostKeys.Contains(key, StringComparer.OrdinalIgnoreCase));
        return (isSqlite, isPostgres) switch
        {
            (true, true) => throw Invalid("names both a SQLite file (Data Source) and a PostgreSQL host (Host); give one."),
            (true, false) => SqliteFromPairs(pairs, keys),
            (false, true) => PostgresFromPairs(value, pairs, keys),
            // Also "Data Source=" and "Host=": the parser drops keys whose value is empty.
            _ => throw Invalid("names neither a SQLite file (Data Source=…) nor a PostgreSQL host (Host=…), or leaves it empty."),
        };
    }

    private static SampleLedger SqliteFromPairs(DbConnectionStringBuilder pairs, List<string> keys)
    {
        if (keys.Count > 1)
        {
            // Mode, Cache, Password and the rest are not passed on: the SDK opens its file with its own settings, so
            // accepting them would pretend they apply. Other keys are not named: a misquoted value could be one.
            throw Invalid("for SQLite takes only Data Source=<file>; the SDK's ledger chooses its own mode, cache and timeouts.");
        }

        var path = ((string)pairs[keys[0]]).Trim();
        if (path.Length == 0 || path.Equals(":memory:", StringComparison.Ordinal)
            || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("needs a file path in Data Source: the ledger is a file that outlives the process (no :memory:, no file: URI).");
        }

        return Sqlite(path);
    }

    private static SampleLedger PostgresFromPairs(string value, DbConnectionStringBuilder pairs, List<string> keys)
    {
        var npgsql = new NpgsqlConnectionStringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            try
            {
                npgsql[keys[i]] = pairs[keys[i]];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // A keyword Npgsql knows is safe to name; an unknown one may be the tail of a misquoted password.
                var which = npgsql.ContainsKey(keys[i]) ? $"{keys[i]} has a value Npgsql cannot read" : $"pair {i + 1} has a keyword Npgsql does not know";
                throw Invalid($"is not a valid Npgsql connection string: {which}.");
            }
        }

        if (string.IsNullOrWhiteSpace(npgsql.Host))
        {
            throw Invalid("names no PostgreSQL host: Host is blank.");
        }

        return new SampleLedger(sqlitePath: null, postgresConnectionString: value);
    }

    private static SampleLedger Sqlite(string path) => new(Path.GetFullPath(path), postgresConnectionString: null);

    private static FormatException Invalid(string problem) => new($"{Setting} {problem} {Forms}");
}
