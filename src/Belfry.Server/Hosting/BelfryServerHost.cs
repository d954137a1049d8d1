using Belfry.Core.Storage;

namespace Belfry.Server.Hosting;

/// <summary>Entry point used by <c>belfry serve</c> and by Program: builds and runs the server.</summary>
internal static class BelfryServerHost
{
    public const string DefaultHostPort = "127.0.0.1:8085";

    /// <summary>
    /// Runs the server until <paramref name="cancellationToken"/> fires or the process is asked to stop. Returns 1,
    /// with one line on stderr, when another server holds the data directory.
    /// </summary>
    public static Task<int> RunAsync(string dataDirectory, string hostPort, CancellationToken cancellationToken) =>
        RunAsync([$"--{ServerOptions.SectionName}:DataDirectory={dataDirectory}", $"--urls=http://{hostPort}"], cancellationToken);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = BelfryApplication.Build(args);
        await using (app.ConfigureAwait(false))
        {
            try
            {
                // Open the store before the host starts, so a refusal is one clear line rather than a hosting failure.
                app.Services.GetRequiredService<IJobStore>();
            }
            catch (StoreLockedException e)
            {
                await Console.Error.WriteLineAsync($"ERROR: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }
}
