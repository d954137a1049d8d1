using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlLocationStore(SqlDatabase database) : ILocationStore
{
    public Task<IReadOnlyList<string>> ListLocationsInUseAsync(string project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        return database.ReadAsync<IReadOnlyList<string>>(async transaction =>
        {
            await using var command = transaction.Command(LocationSql.InUse).With("@project", project);
            var locations = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                locations.Add(reader.GetString(0));
            }

            return locations;
        }, cancellationToken);
    }
}
