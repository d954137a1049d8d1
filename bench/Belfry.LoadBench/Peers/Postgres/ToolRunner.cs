using System.Diagnostics;

namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// Runs a PostgreSQL tool to completion and captures its output; given a user, through <c>runuser -u USER --</c>
/// (initdb and postgres refuse to run as root). The same approach as tests/Belfry.Testing/Postgres/ProcessRunner.cs,
/// which the bench must not reference. Synchronous, because <see cref="PostgresCluster.Stop"/> runs in ProcessExit.
/// </summary>
internal static class ToolRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Output) Run(string? asUser, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var argument in (string[])["-u", asUser, "--", fileName])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }
}
