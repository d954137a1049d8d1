using Belfry.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// Opens the database asynchronously when the host starts, before every other hosted service
/// (<see cref="SqliteStoreServiceCollectionExtensions.AddSqliteStore"/> puts it first), so a second server on the same
/// data directory fails at once with <see cref="StoreLockedException"/>.
/// </summary>
internal sealed class SqliteStoreStartup(SqliteDatabase database) : IHostedService, IStoreStartup
{
    public Task OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
