namespace Belfry.LoadBench.Runs;

/// <summary>A job traffic never touches: every multiple of its period in (FromUnix, the end of the load − grace] must have an execution.</summary>
internal sealed record SoakControlJob(string JobId, int PeriodSeconds, long FromUnix);
