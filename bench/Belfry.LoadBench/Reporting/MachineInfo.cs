using System.Globalization;
using System.Runtime.InteropServices;

namespace Belfry.LoadBench.Reporting;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineInfo(string Os, string Cpu, int Cores, double MemoryGb, string Runtime)
{
    public static MachineInfo Current() => new(
        RuntimeInformation.OSDescription,
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        Math.Round(MemTotalKb() / 1024.0 / 1024.0, 1),
        RuntimeInformation.FrameworkDescription);

    private static string? ProcLine(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static long MemTotalKb() =>
        ProcLine("/proc/meminfo", "MemTotal") is { } total ? long.Parse(total.Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) : 0;
}
