using System.Diagnostics;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>The real <c>belfry</c> program (belfry.dll built beside the tests), started as a child process.</summary>
public static class BelfryBinary
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "belfry.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("belfry.dll is not beside the tests; build the solution first.", path);
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // Hermetic: a token in the developer's shell must not change what a test's server or CLI does.
        info.Environment.Remove("BELFRY_ADMIN_TOKEN");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs one CLI command to completion and returns its exit code and output.</summary>
    public static Task<CliResult> RunAsync(string endpoint, params string[] args) => RunAsync(endpoint, new Dictionary<string, string>(), args);

    /// <summary>Runs one CLI command with more environment variables (BELFRY_ADMIN_TOKEN, say).</summary>
    public static Task<CliResult> RunAsync(string endpoint, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment) { ["BELFRY_ENDPOINT"] = endpoint };
        return ChildProcess.RunToExitAsync(StartInfo(args, env), TimeSpan.FromSeconds(60));
    }
}
