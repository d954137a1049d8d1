using Belfry.Server.Cluster;
using Belfry.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>
/// The line the server logs once it listens (issue 15): its version, the address it answers on (the real port for
/// port 0), its node id, and the store: the SQLite file's full path, or the PostgreSQL database as user@host:port/db,
/// never the connection string (it may hold a password).
/// </summary>
internal sealed class StartupBanner(NodeIdentity node, IOptions<ServerOptions> options, ILogger<StartupBanner> logger)
{
    public static void LogWhenStarted(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() => ActivatorUtilities.CreateInstance<StartupBanner>(app.Services).Write());
    }

    public void Write() => Log.Started(logger, NodeIdentity.Version, node.Address, node.Id, Store(options.Value));

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
