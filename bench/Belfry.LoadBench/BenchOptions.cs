using System.Globalization;
using Belfry.LoadBench.Peers;

namespace Belfry.LoadBench;

/// <summary>Command-line settings of the parent and of a child (which the parent passes on).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: Belfry.LoadBench [--quick] [--json FILE] [--systems a,b] [--workloads steady,burst]
                                [--steady-jobs N] [--steady-seconds T] [--burst-jobs M] [--concurrency C]
               Belfry.LoadBench --soak [--soak-minutes N]
               Belfry.LoadBench --workloads delete [--delete-executions E] [--delete-jobs J]
               Belfry.LoadBench --workloads dashboard [--dashboard-jobs J] [--dashboard-executions E] [--dashboard-requests N]
          --quick            steady N=1,000 for 20 s, burst M=5,000 (default: N=10,000 for 60 s, M=50,000)
          --systems          any of belfry-sqlite, quartz-ram, quartz-ado-sqlite, hangfire-memory (default: all four),
                             belfry-postgres, belfry-postgres-2 (two node processes), quartz-ado-postgres,
                             hangfire-postgres (each on a throwaway PostgreSQL server), hangfire-sqlite, loopback-ceiling
          --concurrency      worker threads of Quartz and Hangfire (default 100); Belfry keeps its defaults
          --belfry-log-level Belfry's log level (default Warning; Information logs every attempt to the console)
          --scale            the scale workload alone, against Belfry: 100,000 jobs due in 200 days and 1,000 per-second
                             ones (--quick: 10,000 and 200); memory per job, list/describe latency, restart time
          --workloads delete Belfry on SQLite only: a job with --delete-executions finished executions (default 1,000,000;
                             --quick 100,000) deleted through the API while --delete-jobs per-second jobs (default 200;
                             --quick 100) dispatch; the delete call, the history's batches, dispatch pauses before/during/after
          --workloads dashboard
                             belfry-sqlite and hangfire-memory (the default for it): --dashboard-jobs jobs (default
                             10,000; --quick 1,000) and --dashboard-executions finished executions over the last 10 days
                             (default 1,000,000; --quick 100,000), then --dashboard-requests GETs (default 50) of each
                             dashboard page, timed by the server's request duration metric and by the client
          --soak             the soak, against Belfry on SQLite: fast, slow, failing, redirecting and hanging targets, a
                             throttling webhook channel, pause/resume/update/delete traffic, for --soak-minutes (default
                             30); checks nothing lost, duplicates, memory flat and database size; exits 1 when one fails
          --workloads retention-year [--retention-days D]
                             alone, in this process: a per-second job's executions for D simulated days (default 365)
                             on a SQLite store under a fake clock, with the real retention at its defaults; rows and
                             file size per month, exit 1 if the table is not bounded or a row that must stay is deleted
        """;

    public bool Quick { get; private set; }

    public string? JsonPath { get; private set; }

    public IReadOnlyList<string> Systems { get; private set; } = PeerFactory.DefaultSystems;

    public IReadOnlyList<string> Workloads { get; private set; } = ["steady", "burst"];

    public int SteadyJobs { get; private set; } = 10_000;

    public int SteadySeconds { get; private set; } = 60;

    public int BurstJobs { get; private set; } = 50_000;

    public int Concurrency { get; private set; } = 100;

    /// <summary>Scale: jobs not due for 200 days, and per-second jobs that keep the dispatcher busy meanwhile.</summary>
    public int ScaleJobs { get; private set; } = 100_000;

    public int ScaleDispatchingJobs { get; private set; } = 1_000;

    /// <summary>Delete: the deleted job's finished executions, and the per-second jobs that dispatch meanwhile.</summary>
    public long DeleteExecutions { get; private set; } = 1_000_000;

    public int DeleteJobs { get; private set; } = 200;

    /// <summary>Dashboard: the store's jobs and finished executions, and the timed requests per page.</summary>
    public int DashboardJobs { get; private set; } = 10_000;

    public long DashboardExecutions { get; private set; } = 1_000_000;

    public int DashboardRequests { get; private set; } = 50;

    public string BelfryLogLevel { get; private set; } = "Warning";

    /// <summary>Soak: how long the load runs, before the drain and the checks.</summary>
    public int SoakMinutes { get; private set; } = 30;
    /// <summary>Retention-year: how many days to simulate.</summary>
    public int RetentionDays { get; private set; } = 365;

    /// <summary>How long a steady run waits after its window for late deliveries.</summary>
    public TimeSpan SteadyDrainLimit => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);

    /// <summary>How long a burst waits, from its instant, for the last delivery.</summary>
    public TimeSpan BurstLimit => Quick ? TimeSpan.FromSeconds(40) : TimeSpan.FromSeconds(300);

    /// <summary>Child only: the system to host; null in the parent.</summary>
    public string? ChildSystem { get; private set; }

    public string ChildWorkload { get; private set; } = "";

    /// <summary>A further node only (<c>--workload node</c>): which node of the system it is, from 2.</summary>
    public int Node { get; private set; } = 1;

    public Uri? SinkUrl { get; private set; }

    public string DataDirectory { get; private set; } = "";

    public string ResultPath { get; private set; } = "";

    /// <summary>Child only: how much longer than the probe predicts the burst set-up may take (raised on a retry).</summary>
    public double MarginFactor { get; private set; } = 1.5;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { Quick = args.Contains("--quick") };
        if (args.Contains("--soak"))
        {
            (options.Systems, options.Workloads) = ([PeerFactory.BelfrySqlite], ["soak"]);
        }

        if (options.Quick)
        {
            (options.SteadyJobs, options.SteadySeconds, options.BurstJobs) = (1_000, 20, 5_000);
            (options.ScaleJobs, options.ScaleDispatchingJobs) = (10_000, 200);
            (options.DeleteExecutions, options.DeleteJobs) = (100_000, 100);
            (options.DashboardJobs, options.DashboardExecutions) = (1_000, 100_000);
        }

        if (args.Contains("--scale"))
        {
            (options.Systems, options.Workloads) = ([PeerFactory.BelfrySqlite], ["scale"]);
        }

        var systemsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--quick" or "--scale" or "--soak")
            {
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            var value = args[++i];
            switch (name)
            {
                case "--json": options.JsonPath = value; break;
                case "--systems": (options.Systems, systemsGiven) = (PeerFactory.Check(List(value)), true); break;
                case "--workloads": options.Workloads = List(value); break;
                case "--steady-jobs": options.SteadyJobs = Int(name, value); break;
                case "--steady-seconds": options.SteadySeconds = Int(name, value); break;
                case "--burst-jobs": options.BurstJobs = Int(name, value); break;
                case "--concurrency": options.Concurrency = Int(name, value); break;
                case "--scale-jobs": options.ScaleJobs = Int(name, value); break;
                case "--scale-dispatching-jobs": options.ScaleDispatchingJobs = Int(name, value); break;
                case "--belfry-log-level": options.BelfryLogLevel = value; break;
                case "--soak-minutes": options.SoakMinutes = Int(name, value); break;
                case "--delete-executions": options.DeleteExecutions = Int(name, value); break;
                case "--delete-jobs": options.DeleteJobs = Int(name, value); break;
                case "--dashboard-jobs": options.DashboardJobs = Int(name, value); break;
                case "--dashboard-executions": options.DashboardExecutions = Int(name, value); break;
                case "--dashboard-requests": options.DashboardRequests = Int(name, value); break;
                case "--retention-days": options.RetentionDays = Int(name, value); break;
                case "--system": options.ChildSystem = PeerFactory.Check([value])[0]; break;
                case "--workload": options.ChildWorkload = value; break;
                case "--node": options.Node = Int(name, value); break;
                case "--sink": options.SinkUrl = new Uri(value); break;
                case "--data-dir": options.DataDirectory = value; break;
                case "--result": options.ResultPath = value; break;
                case "--margin-factor": options.MarginFactor = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }

        if (options.Workloads.Contains("retention-year") && options.Workloads.Count > 1)
        {
            throw new ArgumentException("--workloads retention-year runs alone");
        }

        if (options.Workloads.Any(w => w is not ("steady" or "burst" or "scale" or "soak" or "delete" or "dashboard" or "retention-year")))
        {
            throw new ArgumentException("--workloads takes steady, burst, scale, soak, delete and/or dashboard, or retention-year alone");
        }

        if (options.Workloads.Contains("delete"))
        {
            // It writes straight into Belfry's SQLite file, so it has no other system; without --systems it picks that one.
            options.Systems = systemsGiven ? options.Systems : [PeerFactory.BelfrySqlite];
            if (options.Systems.Any(s => s != PeerFactory.BelfrySqlite))
            {
                throw new ArgumentException("the delete workload runs against belfry-sqlite only");
            }
        }

        if (options.Workloads.Contains("dashboard"))
        {
            options.Systems = systemsGiven ? options.Systems : [PeerFactory.BelfrySqlite, PeerFactory.HangfireMemory];
            if (options.Systems.Any(s => s is not (PeerFactory.BelfrySqlite or PeerFactory.HangfireMemory)))
            {
                throw new ArgumentException("the dashboard workload runs against belfry-sqlite and hangfire-memory");
            }
        }

        if (options.Workloads.Contains("soak") && options.Systems.Any(s => s != PeerFactory.BelfrySqlite))
        {
            throw new ArgumentException("the soak runs against belfry-sqlite only");
        }

        return options;
    }

    /// <summary>The arguments a child needs to run one workload like this parent would.</summary>
    public List<string> ChildArguments(string system, string workload) =>
    [
        .. Quick ? new[] { "--quick" } : [],
        "--system", system, "--workload", workload,
        "--steady-jobs", Str(SteadyJobs), "--steady-seconds", Str(SteadySeconds), "--burst-jobs", Str(BurstJobs),
        "--concurrency", Str(Concurrency), "--belfry-log-level", BelfryLogLevel,
        "--scale-jobs", Str(ScaleJobs), "--scale-dispatching-jobs", Str(ScaleDispatchingJobs), "--soak-minutes", Str(SoakMinutes),
        "--delete-executions", Str(DeleteExecutions), "--delete-jobs", Str(DeleteJobs),
        "--dashboard-jobs", Str(DashboardJobs), "--dashboard-executions", Str(DashboardExecutions), "--dashboard-requests", Str(DashboardRequests),
    ];

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive integer");

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
