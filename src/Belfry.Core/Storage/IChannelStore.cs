using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Core.Storage;

/// <summary>Notification channels (docs/notifications.md). Every method is one transaction.</summary>
internal interface IChannelStore
{
    /// <summary>Throws <see cref="ResourceAlreadyExistsException"/> when the name is taken.</summary>
    Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken);

    Task<Channel?> GetChannelAsync(ChannelName name, CancellationToken cancellationToken);

    /// <summary>Channels under a location by id. Throws <see cref="InvalidPageTokenException"/> on a foreign token.</summary>
    Task<ChannelPage> ListChannelsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Replaces the channel's definition (not its create time). False when there is no such channel.</summary>
    Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary>Deletes the channel; its undelivered notifications fail when their turn comes. False when there was none.</summary>
    Task<bool> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken);
}
