using Belfry.Core.Notifications;

namespace Belfry.Core.Storage;

/// <summary>One page of channels ordered by id; <see cref="NextPageToken"/> is null on the last page.</summary>
internal sealed record ChannelPage(IReadOnlyList<Channel> Channels, string? NextPageToken);
