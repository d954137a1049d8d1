namespace Belfry.Testing;

/// <summary>Facts about where the tests run, shared by every fixture that skips locally but must not skip on CI.</summary>
public static class TestEnvironment
{
    /// <summary>Whether tests run on CI (<c>CI=true</c>, as .ci/run sets it), where a missing tool is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
