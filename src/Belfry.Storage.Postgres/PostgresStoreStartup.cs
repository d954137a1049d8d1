using Belfry.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Belfry.Storage.Postgres;

/// <summary>
/// Opens the database asynchronously when the host starts, before every other hosted service
/// (<see cref="PostgresStoreServiceCollectionExtensions.AddPostgresStore"/> puts it first): migrates under the advisory
/// lock and starts listening for the other nodes' changes.
/// </summary>
internal sealed class PostgresStoreStartup(PostgresDatabase database) : IHostedService, IStoreStartup
{
    public Task OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
