using System.Diagnostics.CodeAnalysis;
using Belfry.Core.Jobs;

namespace Belfry.Core.Notifications;

/// <summary>A channel's resource name: <c>projects/{project}/locations/{location}/channels/{channel}</c>.</summary>
internal sealed record ChannelName(string Project, string Location, string ChannelId)
{
    public const string Collection = "channels";

    public string FullName => $"projects/{Project}/locations/{Location}/{Collection}/{ChannelId}";

    public LocationName Parent => new(Project, Location);

    public override string ToString() => FullName;

    public static bool TryParse(string? value, [NotNullWhen(true)] out ChannelName? name)
    {
        name = ResourceNames.TrySplit(value, Collection, out var project, out var location, out var id) ? new ChannelName(project, location, id) : null;
        return name is not null;
    }
}
