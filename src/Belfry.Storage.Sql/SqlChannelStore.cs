using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlChannelStore(SqlDatabase database) : IChannelStore
{
    private const string ChannelPageKind = "channels.v1";

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return database.WriteAsync(async transaction =>
        {
            await using var command = transaction.Command(ChannelSql.Insert).BindChannel(channel, transaction.Dialect);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
                ? true
                : throw new ResourceAlreadyExistsException(channel.Name.FullName);
        }, cancellationToken);
    }

    public Task<Channel?> GetChannelAsync(ChannelName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync(transaction => FindChannelAsync(transaction, name.FullName, cancellationToken), cancellationToken);
    }

    public Task<ChannelPage> ListChannelsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, ChannelPageKind, parent.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(ChannelSql.ListPage)
                .With("@project", parent.Project)
                .With("@location", parent.Location)
                .With("@after", after ?? "")
                .With("@limit", size + 1);
            var channels = new List<Channel>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    channels.Add(ChannelRows.Read(reader, transaction.Dialect));
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
        return database.WriteAsync(async transaction =>
        {
            await using var command = transaction.Command(ChannelSql.Update).BindChannel(channel, transaction.Dialect);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<bool> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async transaction =>
        {
            await using var command = transaction.Command(ChannelSql.Delete)
                .With("@name", name.FullName);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    private static async Task<Channel?> FindChannelAsync(StoreTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(ChannelSql.SelectByName)
            .With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ChannelRows.Read(reader, transaction.Dialect) : null;
    }
}
