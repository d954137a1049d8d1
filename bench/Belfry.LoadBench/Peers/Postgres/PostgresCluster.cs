using System.Globalization;
using System.Text;
using Npgsql;

namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for one child: <c>initdb</c> into <c>pg/</c> under the child's data directory, then
/// <c>pg_ctl start</c> listening on a Unix socket in that directory only (<c>listen_addresses=''</c>, no TCP).
/// Durability stays at the server's defaults: <c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c> on,
/// since this is the durable comparison. Only <c>max_connections</c> is set (the default 100 is below
/// <c>--concurrency</c> workers plus Hangfire's own processes).
/// <para>
/// Stopped (<c>pg_ctl stop -m immediate</c>, the data is thrown away) from ProcessExit: ChildRunner ends every child,
/// failed or not, with <c>Environment.Exit</c>. A child killed outright (the parent's 20-minute limit) cannot stop
/// it; the postmaster then shuts itself down within a minute of the parent deleting the directory, as it checks
/// every minute that its <c>postmaster.pid</c> is still there.
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
    private readonly string _bin;
    private readonly string? _runAs;
    private readonly string _root;
    private int _stopped;

    private PostgresCluster(string bin, string? runAs, string root)
    {
        (_bin, _runAs, _root) = (bin, runAs, root);
    }

    private string Data => Path.Combine(_root, "pg");

    private string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>Initializes and starts a cluster in <paramref name="root"/> (created if missing; the socket lives there).</summary>
    public static PostgresCluster Start(string root, int maxConnections)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the throwaway PostgreSQL cluster needs Linux (runuser, /proc)");
        }

        root = Path.GetFullPath(root);
        var socket = Path.Combine(root, $".s.PGSQL.{Port}");
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

        var cluster = new PostgresCluster(PostgresBinaries.Find(), runAs, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        try
        {
            cluster.InitAndStart(maxConnections);
        }
        catch
        {
            cluster.Stop();
            throw;
        }

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

    /// <summary>Stops the server at once; safe to call more than once and on a server that never started.</summary>
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

    private string Tool(string name) => Path.Combine(_bin, name);

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : text[^800..].Trim();
}
