namespace Belfry.LoadBench.Peers;

/// <summary>The storage a <see cref="HangfirePeer"/> runs on.</summary>
internal enum HangfireStore
{
    /// <summary>Hangfire.InMemory.</summary>
    InMemory,

    /// <summary>Hangfire.Storage.SQLite, a file in the child's data directory.</summary>
    Sqlite,

    /// <summary>Hangfire.PostgreSql on a throwaway server in the child's data directory (<see cref="Postgres.PostgresCluster"/>).</summary>
    Postgres,
}
