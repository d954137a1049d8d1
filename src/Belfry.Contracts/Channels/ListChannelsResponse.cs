namespace Belfry.Contracts.Channels;

/// <summary>One page of channels.</summary>
public sealed class ListChannelsResponse
{
    /// <summary>The channels, ordered by id.</summary>
    public List<ChannelResource> Channels { get; set; } = [];

    /// <summary>Pass as <c>pageToken</c> for the next page; absent on the last.</summary>
    public string? NextPageToken { get; set; }
}
