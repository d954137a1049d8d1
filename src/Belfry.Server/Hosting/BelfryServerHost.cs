namespace Belfry.Server.Hosting;

/// <summary>Entry point used by <c>belfry serve</c> and by Program: builds and runs the server.</summary>
internal static class BelfryServerHost
{
    public const string DefaultHostPort = "127.0.0.1:8085";

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires or the process is asked to stop.</summary>
    public static async Task<int> RunAsync(string dataDirectory, string hostPort, CancellationToken cancellationToken)
    {
        var args = new[] { $"--{ServerOptions.SectionName}:DataDirectory={dataDirectory}", $"--urls=http://{hostPort}" };
        var app = BelfryApplication.Build(args);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
