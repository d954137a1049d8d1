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
            await InsertAsync(transaction, channel, cancellationToken).ConfigureAwait(false);
            return true;
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
        return database.WriteAsync(transaction => ReplaceAsync(transaction, channel, cancellationToken), cancellationToken);
    }

    public Task<bool> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(transaction => RemoveAsync(transaction, name.FullName, cancellationToken), cancellationToken);
    }

    /// <summary>The insert of <see cref="CreateChannelAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task InsertAsync(StoreTransaction transaction, Channel channel, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(ChannelSql.Insert).BindChannel(channel, transaction.Dialect);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ResourceAlreadyExistsException(channel.Name.FullName);
        }
    }

    /// <summary>The write of <see cref="UpdateChannelAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> ReplaceAsync(StoreTransaction transaction, Channel channel, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(ChannelSql.Update).BindChannel(channel, transaction.Dialect);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The delete of <see cref="DeleteChannelAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> RemoveAsync(StoreTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(ChannelSql.Delete).With("@name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<Channel?> FindChannelAsync(StoreTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(ChannelSql.SelectByName)
            .With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ChannelRows.Read(reader, transaction.Dialect) : null;
    }
}
