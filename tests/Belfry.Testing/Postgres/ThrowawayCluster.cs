namespace Belfry.Testing.Postgres;

/// <summary>
/// A PostgreSQL cluster in a temporary directory: <c>initdb</c>, then <c>pg_ctl start</c> listening only on a Unix
/// socket in that directory (no TCP port, so parallel test runs never collide), durability off for speed. As root it
/// runs the tools through <c>runuser -u postgres</c>, since initdb refuses to run as root.
/// </summary>
internal sealed class ThrowawayCluster
{
    private readonly string _binDirectory;
    private readonly string? _runAs;
    private readonly string _root;

    private ThrowawayCluster(string binDirectory, string? runAs, string root)
    {
        _binDirectory = binDirectory;
        _runAs = runAs;
        _root = root;
    }

    public string SocketDirectory => _root;

    private string DataDirectory => Path.Combine(_root, "data");

    public string ConnectionString => $"Host={_root};Port=5432;Username=postgres;Database=postgres;Timeout=30;Command Timeout=60";

    /// <summary>Starts a cluster, or returns why it cannot (no binaries, initdb or start failed, with their output).</summary>
    public static async Task<(ThrowawayCluster? Cluster, string? Problem)> StartAsync()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return (null, "throwaway PostgreSQL needs Linux or macOS");
        }

        var binDirectory = PostgresBinaries.FindBinDirectory();
        if (binDirectory is null)
        {
            return (null, "initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin");
        }

        var runAs = IsRoot() ? "postgres" : null;
        var root = Directory.CreateTempSubdirectory("belfry-pg-").FullName;
        if (runAs is not null)
        {
            // The postgres user must create the data directory and its socket here; the data directory itself ends up
            // 0700 and owned by postgres, as the server insists.
            File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        }

        var cluster = new ThrowawayCluster(binDirectory, runAs, root);
        var problem = await cluster.InitAndStartAsync();
        if (problem is not null)
        {
            cluster.Delete();
            return (null, problem);
        }

        return (cluster, null);
    }

    public void Stop() => StopAsync().GetAwaiter().GetResult();

    public async Task StopAsync()
    {
        try
        {
            await ProcessRunner.RunAsync(_runAs, Tool("pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Delete();
        }
    }

    /// <summary>
    /// <c>pg_ctl restart</c> (fast mode: every session is closed, as an operator's restart does), with the options the
    /// server was started with (pg_ctl keeps them in postmaster.opts); returns when it accepts connections again.
    /// </summary>
    public async Task RestartAsync()
    {
        var (exit, output) = await ProcessRunner.RunAsync(
            _runAs, Tool("pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-m", "fast", "-w", "-t", "60", "restart");
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl restart failed ({exit}): {Tail(output)}");
        }
    }

    // Environment.UserName is the effective user's name on Unix.
    private static bool IsRoot() => Environment.UserName == "root";

    private async Task<string?> InitAndStartAsync()
    {
        var (initExit, initOutput) = await ProcessRunner.RunAsync(
            _runAs, Tool("initdb"), "-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
        if (initExit != 0)
        {
            return $"initdb failed ({initExit}): {Tail(initOutput)}";
        }

        // pg_ctl hands -o to the server through a shell, hence the quoted empty listen_addresses (no TCP at all).
        var serverOptions = $"-k {_root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            + "-c max_connections=300 -c shared_buffers=32MB";
        var (startExit, startOutput) = await ProcessRunner.RunAsync(
            _runAs, Tool("pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "-o", serverOptions, "start");
        if (startExit != 0)
        {
            var log = Path.Combine(_root, "postgres.log");
            return $"pg_ctl start failed ({startExit}): {Tail(startOutput)} {(File.Exists(log) ? Tail(await File.ReadAllTextAsync(log)) : "")}";
        }

        return null;
    }

    private string Tool(string name) => Path.Combine(_binDirectory, name);

    private void Delete()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Tail(string text) => text.Length <= 800 ? text.Trim() : text[^800..].Trim();
}
