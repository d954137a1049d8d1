using Belfry.Server.Cluster;
using Belfry.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>
/// The line the server logs once it listens (issue 15): its version, the address it answers on (the real port for
/// port 0), its node id, and the store: the SQLite file's full path, or the PostgreSQL database as user@host:port/db,
/// never the connection string (it may hold a password).
/// </summary>
/// <remarks>
/// Written from <see cref="StartedAsync"/>, once every hosted service (the server included, so the real address is known)
/// has started and before <c>ApplicationStarted</c> fires: whoever waits for the start (a test host, an orchestrator
/// reading the log) finds the line there already.
/// </remarks>
internal sealed class StartupBanner(NodeIdentity node, IOptions<ServerOptions> options, ILogger<StartupBanner> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Log.Started(logger, NodeIdentity.Version, node.Address, node.Id, Store(options.Value));
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Store(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Store))
        {
            return $"SQLite in the data directory {Path.GetFullPath(options.DataDirectory)}";
        }

        try
        {
            return $"PostgreSQL at {PostgresConnectionString.Describe(PostgresConnectionString.Parse(options.Store))}";
        }
        catch (ArgumentException)
        {
            // The store opened, so this does not happen; if it did, the value itself must still not be shown.
            return "PostgreSQL";
        }
    }
}
