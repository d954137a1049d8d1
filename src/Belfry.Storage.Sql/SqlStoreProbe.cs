using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary><see cref="IStoreProbe"/> over a <see cref="SqlDatabase"/>: its open state, and <c>SELECT 1</c> in a read transaction.</summary>
internal sealed class SqlStoreProbe(SqlDatabase database) : IStoreProbe
{
    public bool IsOpen => database.IsOpen;

    public Task PingAsync(CancellationToken cancellationToken) => database.ReadAsync(async transaction =>
    {
        await using var command = transaction.Command("SELECT 1");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }, cancellationToken);
}
