using System.Collections.Concurrent;
using Npgsql;
using Xunit;

namespace Belfry.Testing.Postgres;

/// <summary>
/// The PostgreSQL server for tests, one per test process. With <c>BELFRY_TEST_POSTGRES</c> set (an Npgsql connection
/// string for a role that may create databases) that server is used; otherwise a throwaway cluster is started with
/// <c>initdb</c>/<c>pg_ctl</c> in a temporary directory, on a Unix socket only, and stopped when the process exits.
/// No PostgreSQL at all: tests skip locally, and fail when <c>CI=true</c>.
/// </summary>
/// <example>
/// <code>
/// var server = await PostgresServer.GetAsync();                     // skips (locally) or fails (CI) if unavailable
/// var template = await server.EnsureTemplateAsync("belfry_store", MigrateAsync);  // once per process
/// await using var database = await server.CreateDatabaseAsync(template);          // fresh copy per test class
/// using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
/// </code>
/// </example>
public sealed class PostgresServer
{
    /// <summary>The environment variable naming an existing server to use instead of a throwaway one.</summary>
    public const string ConnectionStringVariable = "BELFRY_TEST_POSTGRES";

    private static readonly Lazy<Task<(PostgresServer? Server, string? Problem)>> Shared = new(StartSharedAsync);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _templates = new(StringComparer.Ordinal);
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly ThrowawayCluster? _cluster;

    internal PostgresServer(string adminConnectionString, ThrowawayCluster? cluster)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>A connection string to the server's <c>postgres</c> database, for administrative statements.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Whether this is a throwaway cluster started by the tests (as opposed to <c>BELFRY_TEST_POSTGRES</c>).</summary>
    public bool IsThrowaway => _cluster is not null;

    /// <summary>Whether tests run on CI (<c>CI=true</c>), where an unavailable PostgreSQL is a failure, not a skip.</summary>
    public static bool IsCi => TestEnvironment.IsCi;

    /// <summary>
    /// The process-wide server, started on first use. When PostgreSQL cannot be had, skips the calling test
    /// (<c>Assert.Skip</c>) — or, on CI, throws so the test fails.
    /// </summary>
    public static async Task<PostgresServer> GetAsync()
    {
        var (server, problem) = await Shared.Value;
        return server ?? Unavailable(problem, $"set {ConnectionStringVariable} or install PostgreSQL");
    }

    /// <summary>Skips the calling test (locally) or throws so it fails (CI): PostgreSQL cannot be had, for <paramref name="problem"/>.</summary>
    internal static PostgresServer Unavailable(string? problem, string remedy)
    {
        if (IsCi)
        {
            throw new InvalidOperationException($"PostgreSQL is required on CI (CI=true) but unavailable: {problem}");
        }

        Assert.Skip($"PostgreSQL unavailable ({problem}); {remedy} to run this test.");
        return null!;
    }

    /// <summary>
    /// Creates a database named <paramref name="name"/> (made unique per process) once, runs <paramref name="migrate"/>
    /// against its connection string, and marks it a template. Returns the template's actual name, for
    /// <see cref="CreateDatabaseAsync"/>. Connections opened by <paramref name="migrate"/> must be closed when it returns
    /// (the connection string it gets has pooling off).
    /// </summary>
    public Task<string> EnsureTemplateAsync(string name, Func<string, Task> migrate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(migrate);
        return _templates.GetOrAdd(name, _ => new Lazy<Task<string>>(() => CreateTemplateAsync(name, migrate))).Value;
    }

    /// <summary>Creates a fresh, uniquely named database, copied from <paramref name="template"/> when given.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string? template = null)
    {
        var name = $"belfry_t_{Guid.NewGuid():N}"[..30];
        var from = template is null ? "" : $" TEMPLATE {Quote(template)}";
        await ExecuteAsync($"CREATE DATABASE {Quote(name)}{from}");
        return new PostgresDatabase(this, name, ConnectionStringFor(name, pooling: true));
    }

    internal async Task DropDatabaseAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)");
    }

    private static async Task<(PostgresServer? Server, string? Problem)> StartSharedAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var external = new PostgresServer(given, cluster: null);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => external.DropTemplates();
            return (external, null);
        }

        var (cluster, problem) = await ThrowawayCluster.StartAsync();
        if (cluster is null)
        {
            return (null, problem);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return (new PostgresServer(cluster.ConnectionString, cluster), null);
    }

    private async Task<string> CreateTemplateAsync(string name, Func<string, Task> migrate)
    {
        // Unique per process: two test runs sharing BELFRY_TEST_POSTGRES must not migrate each other's template.
        var actual = $"{name}_{_runId}";
        await ExecuteAsync($"CREATE DATABASE {Quote(actual)}");
        await migrate(ConnectionStringFor(actual, pooling: false));
        await ExecuteAsync($"ALTER DATABASE {Quote(actual)} WITH IS_TEMPLATE true");
        return actual;
    }

    private void DropTemplates()
    {
        foreach (var template in _templates.Values.Where(lazy => lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully))
        {
            var name = template.Value.Result;
            try
            {
                ExecuteAsync($"ALTER DATABASE {Quote(name)} WITH IS_TEMPLATE false").GetAwaiter().GetResult();
                ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
            }
        }
    }

    private string ConnectionStringFor(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ToString();

    private async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
