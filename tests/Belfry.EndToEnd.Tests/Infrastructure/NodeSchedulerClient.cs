using System.Diagnostics;
using System.Security.Cryptography;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The official Google Cloud Scheduler Node.js client (<c>NodeClient/</c>: package.json, package-lock.json and
/// scheduler-client.js, copied beside the tests), installed with <c>npm ci</c> once per test run and run with
/// <c>node</c>. Without node the calling test skips locally and fails on CI (<c>CI=true</c>); without npm, or when the
/// install fails, it fails.
/// </summary>
public sealed class NodeSchedulerClient
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<NodeSchedulerClient>> Shared = new(InstallAsync);

    private readonly string _node;

    private NodeSchedulerClient(string node, string installLog)
    {
        _node = node;
        InstallLog = installLog;
    }

    /// <summary>What the install did (or that it was reused) and how long it took, for the test's output.</summary>
    public string InstallLog { get; }

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "NodeClient");

    /// <summary>The installed client; skips the calling test when node is absent (not on CI).</summary>
    public static async Task<NodeSchedulerClient> GetAsync()
    {
        if (FindOnPath("node") is null)
        {
            if (TestEnvironment.IsCi)
            {
                throw new InvalidOperationException("node is required on CI (CI=true) but is not on PATH; .ci/run installs Debian's nodejs and npm.");
            }

            Assert.Skip("node is not on PATH; install Node.js and npm to run the Cloud Scheduler Node.js client test.");
        }

        return await Shared.Value;
    }

    /// <summary>
    /// Runs scheduler-client.js against the server at <paramref name="endpoint"/>, sending <paramref name="adminToken"/>
    /// as its bearer token when given; its exit code and output.
    /// </summary>
    public Task<CliResult> RunAsync(Uri endpoint, string targetUrl, string? adminToken = null)
    {
        var info = StartInfo(_node, "scheduler-client.js");

        // Loopback only: no proxy may see or reroute the calls, and no Google setting may change the endpoint.
        foreach (var variable in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "GOOGLE_CLOUD_UNIVERSE_DOMAIN", "GOOGLE_APPLICATION_CREDENTIALS" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["BELFRY_HOST"] = endpoint.Host;
        info.Environment["BELFRY_PORT"] = endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["TARGET_URL"] = targetUrl;
        info.Environment.Remove("BELFRY_ADMIN_TOKEN");
        if (adminToken is not null)
        {
            info.Environment["BELFRY_ADMIN_TOKEN"] = adminToken;
        }

        return ChildProcess.RunToExitAsync(info, ScriptTimeout);
    }

    private static async Task<NodeSchedulerClient> InstallAsync()
    {
        var node = FindOnPath("node")!;
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            "npm is not on PATH (node is); install npm (Debian: apt-get install npm) to run the Cloud Scheduler Node.js client test.");

        // npm ci starts from an empty node_modules every time; the stamp lets a rerun with the same lock file reuse it.
        var stamp = Path.Combine(Directory, "node_modules", ".belfry-lock-sha256");
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
        {
            return new NodeSchedulerClient(node, "npm ci skipped: node_modules already matches package-lock.json");
        }

        // Only the packages pinned in package-lock.json, from the configured registry; no install scripts run.
        var info = StartInfo(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        info.Environment["npm_config_update_notifier"] = "false";
        var started = Stopwatch.StartNew();
        var result = await ChildProcess.RunToExitAsync(info, InstallTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Directory} failed (is the npm registry reachable?):\n{result}");
        }

        await File.WriteAllTextAsync(stamp, lockHash);
        return new NodeSchedulerClient(node, $"npm ci took {started.Elapsed.TotalSeconds:F1} s");
    }

    private static ProcessStartInfo StartInfo(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
