namespace Belfry.Testing.Postgres;

/// <summary>A fresh database on the test server; disposing it drops it (closing any connections still open).</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    internal PostgresDatabase(PostgresServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name, e.g. <c>belfry_t_3f2a…</c>.</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string for this database.</summary>
    public string ConnectionString { get; }

    public async ValueTask DisposeAsync() => await _server.DropDatabaseAsync(Name);
}
