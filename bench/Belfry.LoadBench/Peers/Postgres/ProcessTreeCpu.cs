using System.Globalization;

namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// CPU seconds of a process and its descendants from /proc: its own and its reaped children's time
/// (utime, stime, cutime, cstime), plus each live child's. PostgreSQL's backends are children of the postmaster,
/// which reaps them, so this is the whole server's CPU time.
/// </summary>
internal static class ProcessTreeCpu
{
    // /proc reports clock ticks of USER_HZ, which is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public static double? Seconds(int pid)
    {
        if (Read(pid) is not { } root)
        {
            return null;
        }

        var ticks = root.Own + root.Reaped;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var child) && child != pid && Read(child) is { } stat && stat.Parent == pid)
            {
                ticks += stat.Own + stat.Reaped;
            }
        }

        return ticks / TicksPerSecond;
    }

    private static (int Parent, long Own, long Reaped)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces, so count fields after its closing parenthesis, where
        // field 3 (state) is index 0: ppid 4, utime 14, stime 15, cutime 16, cstime 17 (proc(5)).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}
