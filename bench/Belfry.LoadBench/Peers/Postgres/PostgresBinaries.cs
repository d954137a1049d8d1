namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>Finds a directory holding <c>initdb</c> and <c>pg_ctl</c>: Debian's versioned ones (newest first), then PATH.</summary>
internal static class PostgresBinaries
{
    private const string Debian = "/usr/lib/postgresql";

    public static string Find()
    {
        var candidates = new List<string>();
        if (Directory.Exists(Debian))
        {
            candidates.AddRange(Directory.GetDirectories(Debian)
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .Select(version => Path.Combine(version, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            ?? throw new InvalidOperationException($"initdb/pg_ctl not found in {Debian}/*/bin or on PATH (apt-get install postgresql)");
    }
}
