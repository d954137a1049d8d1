using System.Diagnostics;
using System.Globalization;

namespace Belfry.LoadBench.Runs;

/// <summary>This process's CPU time and peak resident set (VmHWM), read at the end of a child's run.</summary>
internal static class ProcessStats
{
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The resident set now (VmRSS), after a full collection when <paramref name="collect"/> is set.</summary>
    public static double CurrentRssMb(bool collect)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        return ProcStatusMb("VmRSS:") ?? Environment.WorkingSet / (1024.0 * 1024.0);
    }

    public static double PeakRssMb()
    {
        // VmHWM is absent off Linux, where the working set's peak stands in.
        if (ProcStatusMb("VmHWM:") is { } peak)
        {
            return peak;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>A "Name:    123456 kB" line of /proc/self/status, in MB.</summary>
    private static double? ProcStatusMb(string name)
    {
        foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return long.Parse(line[name.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return null;
    }
}
