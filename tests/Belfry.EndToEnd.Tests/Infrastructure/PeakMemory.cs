namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Linux process's memory from <c>/proc/PID/status</c>: <c>VmHWM</c>, the peak resident set since it started (the
/// kernel's high-water mark, so a sample misses no earlier peak), and <c>VmRSS</c>, the resident set now. Null when the
/// process is gone.
/// </summary>
public static class PeakMemory
{
    public static long? PeakBytes(int processId) => Read(processId, "VmHWM:");

    public static long? ResidentBytes(int processId) => Read(processId, "VmRSS:");

    private static long? Read(int processId, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    // "VmHWM:     123456 kB"
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
