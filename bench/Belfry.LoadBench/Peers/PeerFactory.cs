namespace Belfry.LoadBench.Peers;

/// <summary>The systems by the names the report uses.</summary>
internal static class PeerFactory
{
    public const string BelfrySqlite = "belfry-sqlite";

    /// <summary>Belfry on PostgreSQL: one node (<see cref="BelfryPostgresPeer"/>); opt-in, as the other PostgreSQL systems.</summary>
    public const string BelfryPostgres = "belfry-postgres";

    /// <summary>Two Belfry nodes, two processes, on one PostgreSQL database; opt-in.</summary>
    public const string BelfryPostgres2 = "belfry-postgres-2";
    public const string QuartzRam = "quartz-ram";
    public const string QuartzAdoSqlite = "quartz-ado-sqlite";
    public const string QuartzAdoPostgres = "quartz-ado-postgres";
    public const string HangfireSqlite = "hangfire-sqlite";
    public const string HangfireMemory = "hangfire-memory";
    public const string HangfirePostgres = "hangfire-postgres";

    /// <summary>Not a scheduler: the machine's own limit for the same requests (<see cref="CeilingPeer"/>); opt-in.</summary>
    public const string LoopbackCeiling = "loopback-ceiling";

    /// <summary>
    /// Hangfire on memory, not hangfire-sqlite: Hangfire.Storage.SQLite corrupted its file or crashed the process while
    /// registering 5,000 recurring jobs here (bench/README.md, "The systems"). hangfire-postgres, the durable Hangfire,
    /// is opt-in with --systems: registering alone takes it ~10 ms a job, so --quick with it lasts ~7 minutes, not 3.
    /// quartz-ado-postgres (Quartz clustered on PostgreSQL) is opt-in too: at the tens of deliveries a second it managed
    /// here, a --quick burst of 5,000 would spend its whole 40 s limit.
    /// </summary>
    public static IReadOnlyList<string> DefaultSystems { get; } = [BelfrySqlite, QuartzRam, QuartzAdoSqlite, HangfireMemory];

    private static readonly string[] Known = [BelfrySqlite, BelfryPostgres, BelfryPostgres2, QuartzRam, QuartzAdoSqlite, QuartzAdoPostgres, HangfireSqlite, HangfireMemory, HangfirePostgres, LoopbackCeiling];

    public static string[] Check(string[] names) =>
        names.All(Known.Contains) ? names : throw new ArgumentException($"systems are {string.Join(", ", Known)}");

    public static IPeer Create(BenchOptions options)
    {
        var sink = options.SinkUrl ?? throw new ArgumentException("--sink is required in a child");
        return options.ChildSystem switch
        {
            BelfrySqlite => new BelfryPeer(options.DataDirectory, sink, options.BelfryLogLevel,
                settings: options.ChildWorkload switch
                {
                    "delete" => Runs.DeleteRunner.ServerSettings,
                    "dashboard" => Dashboard.DashboardRunner.ServerSettings,
                    _ => null,
                }),
            BelfryPostgres => new BelfryPostgresPeer(options, sink, nodes: 1),
            BelfryPostgres2 => new BelfryPostgresPeer(options, sink, nodes: 2),
            QuartzRam => new QuartzPeer(sink, options.Concurrency, QuartzStore.InMemory, options.DataDirectory),
            QuartzAdoSqlite => new QuartzPeer(sink, options.Concurrency, QuartzStore.Sqlite, options.DataDirectory),
            QuartzAdoPostgres => new QuartzPeer(sink, options.Concurrency, QuartzStore.Postgres, options.DataDirectory),
            HangfireSqlite => new HangfirePeer(sink, options.Concurrency, HangfireStore.Sqlite, options.DataDirectory),
            HangfireMemory => new HangfirePeer(sink, options.Concurrency, HangfireStore.InMemory, options.DataDirectory),
            HangfirePostgres => new HangfirePeer(sink, options.Concurrency, HangfireStore.Postgres, options.DataDirectory),
            LoopbackCeiling => new CeilingPeer(sink, 1000),
            _ => throw new ArgumentException($"unknown system {options.ChildSystem}"),
        };
    }
}
