namespace Belfry.LoadBench.Peers;

/// <summary>The job store a <see cref="QuartzPeer"/> runs on.</summary>
internal enum QuartzStore
{
    /// <summary>RAMJobStore.</summary>
    InMemory,

    /// <summary>The ADO job store on a SQLite file in the child's data directory.</summary>
    Sqlite,

    /// <summary>
    /// The ADO job store, clustered, on a throwaway PostgreSQL server in the child's data directory
    /// (<see cref="Postgres.PostgresCluster"/>, as hangfire-postgres).
    /// </summary>
    Postgres,
}
