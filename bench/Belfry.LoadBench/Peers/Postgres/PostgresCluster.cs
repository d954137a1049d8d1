using System.Globalization;
using System.Text;
using Npgsql;

namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for one child: <c>initdb</c> into <c>pg/</c> under the child's data directory, then
/// <c>pg_ctl start</c> listening on a Unix socket in that directory only (<c>listen_addresses=''</c>, no TCP).
/// Durability stays at the server's defaults: <c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c> on,
/// since this is the durable comparison. Only <c>max_connections</c> is set (the default 100 is below
/// <c>--concurrency</c> workers plus a scheduler's own threads). Every PostgreSQL peer starts it the same way, with a
/// pool of <see cref="PoolSize"/>, so their figures compare.
/// <para>
/// The child that calls <see cref="Start"/> owns the server. Another process (a second node of a two-node system)
/// joins it with <see cref="Attach"/>, given the same directory: it connects through the same socket and never stops
/// the server; <see cref="Start"/>'s <c>processes</c> sizes <c>max_connections</c> for every process's pool.
/// </para>
/// <para>
/// Stopped (<c>pg_ctl stop -m immediate</c>, the data is thrown away) from the owner's ProcessExit: ChildRunner ends
/// every child, failed or not, with <c>Environment.Exit</c>. A child killed outright (the parent's 20-minute limit)
/// cannot stop it; the postmaster then shuts itself down within a minute of the parent deleting the directory, as it
/// checks every minute that its <c>postmaster.pid</c> is still there.
/// </para>
/// <para>
/// As root, initdb and postgres refuse to run; the tools then run as <c>postgres</c> through runuser, and the data
/// directory is opened to that user first (as tests/Belfry.Testing/Postgres/ThrowawayCluster.cs does).
/// </para>
/// </summary>
internal sealed class PostgresCluster
{
    // A Unix socket path (sun_path) holds at most 107 bytes.
    private const int MaxSocketPath = 107;
    private const int Port = 5432;

    // Connections beyond the workers, for the scheduler's own threads (Hangfire's schedulers, heartbeat and
    // expiration; Quartz's scheduler thread, misfire handler and cluster check-in) and the registering thread.
    private const int ExtraConnections = 20;

    // Beyond every pool: the server's reserved superuser slots and room for a psql while looking into a run.
    private const int SpareConnections = 10;
    private static readonly TimeSpan RecordSettle = TimeSpan.FromSeconds(2);
    private readonly string _bin;
    private readonly string? _runAs;
    private readonly string _root;

    // 1 once stopped, and from the start in a process that attached: only the owner stops the server.
    private int _stopped;

    // The server's counters and this process's counts when the workload's jobs were registered (Mark).
    private (ServerWork Server, WorkCount Work)? _mark;

    private PostgresCluster(string bin, string? runAs, string root, bool owner)
    {
        (_bin, _runAs, _root, _stopped) = (bin, runAs, root, owner ? 0 : 1);
    }

    private string Data => Path.Combine(_root, "pg");

    private string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>The Npgsql pool of a process with <paramref name="workers"/> worker threads (<c>--concurrency</c>).</summary>
    public static int PoolSize(int workers) => workers + ExtraConnections;

    /// <summary>
    /// Initializes and starts a cluster in <paramref name="root"/> (created if missing; the socket lives there), for
    /// <paramref name="processes"/> processes with a pool of <paramref name="poolSize"/> each (the others <see cref="Attach"/>).
    /// </summary>
    public static PostgresCluster Start(string root, int poolSize, int processes = 1)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the throwaway PostgreSQL cluster needs Linux (runuser, /proc)");
        }

        root = Path.GetFullPath(root);
        var socket = SocketPath(root);
        if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPath)
        {
            throw new InvalidOperationException($"the socket path {socket} is longer than {MaxSocketPath} bytes; use a shorter TMPDIR");
        }

        Directory.CreateDirectory(root);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            // postgres must create pg/ (initdb makes it 0700, as the server insists), the socket and the log here.
            File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        }

        var cluster = new PostgresCluster(PostgresBinaries.Find(), runAs, root, owner: true);
        WorkCounters.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        try
        {
            cluster.InitAndStart((poolSize * processes) + SpareConnections);
        }
        catch
        {
            cluster.Stop();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// Joins the server another process started in <paramref name="root"/> (the same directory it was given); this
    /// process never stops it. Fails at once if no server is running there.
    /// </summary>
    public static PostgresCluster Attach(string root)
    {
        root = Path.GetFullPath(root);
        var cluster = new PostgresCluster(bin: "", runAs: null, root, owner: false);
        if (!File.Exists(Path.Combine(cluster.Data, "postmaster.pid")) || !File.Exists(SocketPath(root)))
        {
            throw new InvalidOperationException($"no PostgreSQL server is running in {root}");
        }

        WorkCounters.Start();
        return cluster;
    }

    public string ConnectionString(int maxPoolSize) => new NpgsqlConnectionStringBuilder
    {
        Host = _root,
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        MaxPoolSize = maxPoolSize,
        Timeout = 30,
    }.ConnectionString;

    /// <summary>The server's CPU seconds so far (all its processes), or null if it is not running.</summary>
    public double? ServerCpuSeconds()
    {
        var pidFile = Path.Combine(Data, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? ProcessTreeCpu.Seconds(pid)
            : null;
    }

    /// <summary>
    /// Called when the workload's jobs are registered (again after each batch of them): from here on the counts of
    /// <see cref="Notes"/> are the dispatching alone (see <see cref="SettleAsync"/> for their end).
    /// </summary>
    public void Mark() => _mark = (ReadServerWork(), WorkCounters.Read());

    /// <summary>
    /// Notes for the report: the server's CPU time (it runs outside this process, so it is not in the child's figure),
    /// and, since <see cref="Mark"/>, per delivery: the write transactions (transaction ids the server assigned: every
    /// one that wrote, each a commit that waits for its WAL flush), the WAL written, and the Npgsql operations (round
    /// trips). <paramref name="others"/> is what the system's other processes sent since their own mark.
    /// </summary>
    public IEnumerable<string> Notes(WorkCount others = default)
    {
        if (ServerCpuSeconds() is { } seconds)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL server CPU {seconds:0.0} s, not in CPU s");
        }

        if (_mark is { } mark)
        {
            var server = ReadServerWork();
            var (writes, wal) = (server.WriteTransactions - mark.Server.WriteTransactions - 1, server.WalBytes - mark.Server.WalBytes);
            var work = SentSinceMark() + others;
            var perDelivery = (double)Math.Max(1, work.Deliveries);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"after registration: {work.Deliveries} deliveries; {writes} write transactions ({writes / perDelivery:0.00} per delivery), {wal / 1024.0 / perDelivery:0.0} kB WAL per delivery, {work.Operations} Npgsql operations ({work.Operations / perDelivery:0.00} per delivery)");
        }
    }

    /// <summary>
    /// Called when the workload is over, before <see cref="Notes"/>: a system records a delivery after its answer, so
    /// the last ones are still being written when the last request arrives (a burst is over the moment it does). A
    /// second, not a figure's time: the deliveries are counted already.
    /// </summary>
    public Task SettleAsync() => _mark is null ? Task.CompletedTask : Task.Delay(RecordSettle);

    /// <summary>What this process sent since <see cref="Mark"/> (nothing before it).</summary>
    public WorkCount SentSinceMark() => _mark is { } mark ? WorkCounters.Read() - mark.Work : default;

    /// <summary>
    /// A new transaction id and the WAL position, both current at once. Not <c>pg_stat_database.xact_commit</c>: a
    /// busy backend reports its counts up to seconds late (here a burst's registration commits showed up after it).
    /// </summary>
    private ServerWork ReadServerWork()
    {
        // A connection of its own, outside every pool. pg_current_xact_id assigns this read an id of its own: the next
        // read's id minus this one, minus one, is what the others assigned meanwhile.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(1)) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT pg_current_xact_id()::text::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new ServerWork(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Stops the server at once (the owner only); safe to call more than once and on a server that never started.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0 && File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            ToolRunner.Run(_runAs, Tool("pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "30", "stop");
        }
    }

    private void InitAndStart(int maxConnections)
    {
        var (initExit, initOutput) = ToolRunner.Run(_runAs, Tool("initdb"), "-D", Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale");
        if (initExit != 0)
        {
            throw new InvalidOperationException($"initdb failed ({initExit}): {Tail(initOutput)}");
        }

        // pg_ctl hands -o to the server through a shell: hence the quotes, and '' for "no TCP address at all".
        var options = string.Create(CultureInfo.InvariantCulture, $"-k '{_root}' -c listen_addresses='' -c max_connections={maxConnections}");
        var (startExit, startOutput) = ToolRunner.Run(_runAs, Tool("pg_ctl"), "-D", Data, "-l", LogFile, "-w", "-t", "60", "-o", options, "start");
        if (startExit != 0)
        {
            var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
            throw new InvalidOperationException($"pg_ctl start failed ({startExit}): {Tail(startOutput)} {Tail(log)}");
        }
    }

    private static string SocketPath(string root) => Path.Combine(root, $".s.PGSQL.{Port}");

    private string Tool(string name) => Path.Combine(_bin, name);

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : text[^800..].Trim();
}
