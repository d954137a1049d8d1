using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed class SqliteChannelStore(SqliteDatabase database) : IChannelStore
{
    private const string ChannelPageKind = "channels.v1";

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, ChannelSql.Insert).BindChannel(channel, SqliteDialect.Instance);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
                ? true
                : throw new ResourceAlreadyExistsException(channel.Name.FullName);
        }, cancellationToken);
    }

    public Task<Channel?> GetChannelAsync(ChannelName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync((connection, transaction) => FindChannelAsync(connection, transaction, name.FullName, cancellationToken), cancellationToken);
    }

    public Task<ChannelPage> ListChannelsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, ChannelPageKind, parent.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, ChannelSql.ListPage)
                .With("@project", parent.Project)
                .With("@location", parent.Location)
                .With("@after", after ?? "")
                .With("@limit", size + 1);
            var channels = new List<Channel>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    channels.Add(ChannelRows.Read(reader, SqliteDialect.Instance));
                }
            }

            if (channels.Count <= size)
            {
                return new ChannelPage(channels, null);
            }

            channels.RemoveAt(size);
            return new ChannelPage(channels, PageToken.Encode(ChannelPageKind, parent.FullName, channels[^1].Name.ChannelId));
        }, cancellationToken);
    }

    public Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, ChannelSql.Update).BindChannel(channel, SqliteDialect.Instance);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<bool> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = SqliteSql.Command(connection, transaction, ChannelSql.Delete)
                .With("@name", name.FullName);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    private static async Task<Channel?> FindChannelAsync(SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = SqliteSql.Command(connection, transaction, ChannelSql.SelectByName)
            .With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ChannelRows.Read(reader, SqliteDialect.Instance) : null;
    }
}
