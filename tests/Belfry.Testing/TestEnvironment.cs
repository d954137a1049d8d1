namespace Belfry.Testing;

/// <summary>Facts about where the tests run, shared by every fixture that skips locally but must not skip on CI.</summary>
public static class TestEnvironment
{
    /// <summary>Whether tests run on CI (<c>CI=true</c>, as .ci/run sets it), where a missing tool is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The checkout the tests were built from (the folder holding Belfry.slnx), for tests that read its docs or sources.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Belfry.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Belfry.slnx above {AppContext.BaseDirectory}.");
    }
}
