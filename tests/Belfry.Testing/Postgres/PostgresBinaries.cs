namespace Belfry.Testing.Postgres;

/// <summary>Finds a directory holding both <c>initdb</c> and <c>pg_ctl</c>: PATH first, then the usual install places.</summary>
internal static class PostgresBinaries
{
    public static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        // Debian/Ubuntu keep each major version apart (/usr/lib/postgresql/15/bin); newest first.
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            candidates.AddRange(Directory.GetDirectories(Debian)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var major) ? major : 0, Bin: Path.Combine(version, "bin")))
                .OrderByDescending(entry => entry.Version)
                .Select(entry => entry.Bin));
        }

        candidates.Add("/usr/local/pgsql/bin");
        candidates.Add("/opt/homebrew/bin");
        return candidates.FirstOrDefault(directory =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")));
    }
}
