namespace Belfry.LoadBench.Reporting;

/// <summary>The JSON the harness writes (<c>--json</c>); field names are the issue's.</summary>
internal sealed record BenchReport(MachineInfo Machine, RunInfo Run, IReadOnlyList<SystemReport> Systems);

internal sealed record RunInfo(string Command, string Date, double DurationSeconds, bool Quick, int Concurrency, double PollIntervalMsHangfire, string BelfryLogLevel);

/// <summary>One system: its workloads, CPU seconds summed over its child processes, and the highest peak RSS of them.</summary>
internal sealed record SystemReport(
    string Name, SteadyReport? Steady, BurstReport? Burst, ScaleReport? Scale, DeleteReport? Delete, DashboardReport? Dashboard,
    double CpuSeconds, double PeakRssMb, IReadOnlyList<string> Notes);

/// <summary>
/// Steady: every (job, second) in the window is expected once. Lateness is arrival minus scheduled time, over the
/// first delivery of each (job, second); null when nothing arrived.
/// </summary>
internal sealed record SteadyReport(
    int Jobs, int Seconds, long Expected, long Delivered,
    double? LatenessP50Ms, double? LatenessP99Ms, double? LatenessMaxMs,
    long Lost, long Duplicated, double SetupSeconds, double CpuSeconds, double PeakRssMb, string? Error);

/// <summary>
/// Burst: every job once. <see cref="Seconds"/> runs from the due instant to the last delivery;
/// <see cref="DeliveriesPerSecond"/> is the jobs delivered over that time.
/// </summary>
internal sealed record BurstReport(
    int Jobs, double? Seconds, double? DeliveriesPerSecond, double? FirstMs, double? P50Ms,
    long Lost, long Duplicated, double SetupSeconds, double CpuSeconds, double PeakRssMb, string? Error);

/// <summary>p50/p99/max of a handful of timed requests, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double? P50, double? P99, double? Max);

/// <summary>p50/p95/max of timed requests, in milliseconds.</summary>
internal sealed record PageLatency(int Count, double? P50, double? P95, double? Max);

/// <summary>
/// Dashboard (issue 16): a store of <see cref="Jobs"/> jobs and <see cref="Executions"/> finished executions (Hangfire:
/// recurring jobs and succeeded jobs), seeded in <see cref="SeedSeconds"/>; then each page timed over loopback.
/// </summary>
internal sealed record DashboardReport(int Jobs, long Executions, double SeedSeconds, IReadOnlyList<PageTiming> Pages);

/// <summary>
/// One page, requested <see cref="Server"/>.Count times one after another after a warm-up: <see cref="Server"/> is
/// ASP.NET Core's own request duration (the <c>http.server.request.duration</c> histogram /metrics exports, each
/// measurement read in the process), <see cref="Client"/> the loopback round trip, <see cref="Bytes"/> the last answer's size.
/// </summary>
internal sealed record PageTiming(string Page, string Path, PageLatency Server, PageLatency Client, long Bytes);

/// <summary>
/// Scale (Belfry only): <see cref="IdleJobs"/> jobs due in 200 days and <see cref="DispatchingJobs"/> per-second jobs.
/// Memory is VmRSS after a full GC, before and after registering them; <see cref="KbPerJob"/> divides the growth by
/// the idle jobs. List pages (500 jobs) and describes are timed while the per-second jobs are dispatched.
/// <see cref="RestartMs"/> is a second start of the server in the same process on the full store (JIT warm), and
/// <see cref="FirstDeliveryAfterRestartMs"/> runs from that start to the first delivery after it.
/// <see cref="DatabaseMb"/> is the store's size before the restart, with retention on at its default age
/// (<see cref="RetentionDays"/>): SQLite's file plus WAL, or PostgreSQL's <c>pg_database_size</c>.
/// <see cref="BytesPerExecution"/> divides the growth of the bytes its rows use (SQLite: pages in use; PostgreSQL: the
/// database size) while the per-second jobs ran by the deliveries meanwhile, and
/// <see cref="SteadyDatabaseMb"/> is what the store would hold once retention deletes as fast as the jobs add: the jobs
/// plus the per-second jobs' executions of <see cref="RetentionDays"/> days.
/// </summary>
internal sealed record ScaleReport(
    int IdleJobs, int DispatchingJobs, double SetupSeconds, double RssBeforeMb, double RssAfterMb, double KbPerJob,
    LatencySummary ListPageMs, LatencySummary DescribeMs, double RestartMs, double? FirstDeliveryAfterRestartMs,
    double DatabaseMb, double RetentionDays, double? BytesPerExecution, double? SteadyDatabaseMb);

/// <summary>
/// Delete (Belfry on SQLite only): a job with <see cref="HistoryExecutions"/> finished executions deleted through the API
/// while <see cref="Jobs"/> per-second jobs dispatch. <see cref="DeleteCallMs"/> is the DELETE request;
/// <see cref="GetAfterDeleteStatus"/> a GET of the job right after it (404: gone at once). The history's first batch was
/// seen <see cref="FirstBatchSeenSeconds"/> and its last <see cref="HistoryGoneSeconds"/> after the call (polled once a
/// second; retention runs every <see cref="RetentionIntervalSeconds"/>). <see cref="Whole"/> is the per-second jobs'
/// steady figures over the whole window (lost, duplicated); <see cref="Phases"/> split it at the call and at the
/// history's end.
/// </summary>
internal sealed record DeleteReport(
    int Jobs, long HistoryExecutions, double InsertSeconds, double RetentionIntervalSeconds, int RetentionBatchSize,
    double DeleteCallMs, int GetAfterDeleteStatus, double? FirstBatchSeenSeconds, double? HistoryGoneSeconds, long HistoryLeft,
    double? HistoryExecutionsPerSecond, IReadOnlyList<DeletePhaseReport> Phases, SteadyReport Whole);

/// <summary>
/// One phase of the delete workload. <see cref="LongestGapMs"/> is the longest time between two consecutive arrivals
/// at the sink, the later one in the phase (with every job due on the whole second, about 1,000 ms is no pause at all);
/// lateness, lost and duplicated are over the (job, second)s scheduled in [<see cref="FromUnix"/>, <see cref="ToUnix"/>).
/// </summary>
internal sealed record DeletePhaseReport(
    string Name, long FromUnix, long ToUnix, long Arrivals, double? LongestGapMs, double? LatenessP50Ms, double? LatenessP99Ms, double? LatenessMaxMs,
    long Lost, long Duplicated);
