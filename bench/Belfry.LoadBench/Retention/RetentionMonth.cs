namespace Belfry.LoadBench.Retention;

/// <summary>
/// One simulated month of the retention-year workload: executions written, the most held just before a pass (peak),
/// executions and attempts held at the month's end, the bound, executions deleted, the file (on disk with its WAL, and
/// in use), and the wall and CPU seconds since the start (the process's: the store and the writer run in it).
/// </summary>
internal sealed record RetentionMonth(
    string Month,
    long Written,
    long PeakExecutions,
    long FinalExecutions,
    long FinalAttempts,
    long Bound,
    long Deleted,
    double FileMb,
    double UsedMb,
    double WallSeconds,
    double CpuSeconds);
