using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;

namespace Belfry.Server.Api;

/// <summary>
/// Channel references in jobs, pipelines and alert policies (hence here, not in Channels/): an id (in the referring
/// resource's location) or a full <c>projects/…/channels/…</c> name, kept as full names, de-duplicated in order; each
/// must name an existing channel.
/// </summary>
internal static class ChannelReferences
{
    public const int MaxPerList = 10;

    public static IReadOnlyList<string> Resolve(string field, IEnumerable<string>? values, LocationName parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var names = new List<string>();
        foreach (var value in values ?? [])
        {
            ChannelName name;
            if (value?.StartsWith("projects/", StringComparison.Ordinal) == true)
            {
                name = ChannelName.TryParse(value, out var parsed)
                    ? parsed
                    : throw ApiException.InvalidArgument($"{field}: \"{value}\" is not a channel name of the form projects/PROJECT/locations/LOCATION/channels/CHANNEL_ID.");
            }
            else if (value is not null && ResourceId.IsValidId(value))
            {
                name = new ChannelName(parent.Project, parent.Location, value);
            }
            else
            {
                throw ApiException.InvalidArgument($"{field}: \"{value}\" is not a channel id (letters, digits, hyphens, underscores; at most 100) or name.");
            }

            if (!names.Contains(name.FullName))
            {
                names.Add(name.FullName);
            }
        }

        return names.Count > MaxPerList ? throw ApiException.InvalidArgument($"{field}: at most {MaxPerList} channels, got {names.Count}.") : names;
    }

    /// <summary>Refuses names (other than those in <paramref name="known"/>) that name no channel.</summary>
    public static async Task EnsureExistAsync(
        IChannelStore store, string field, IEnumerable<string> names, IEnumerable<string>? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var name in names.Except(known ?? [], StringComparer.Ordinal))
        {
            if (!ChannelName.TryParse(name, out var channel) || await store.GetChannelAsync(channel, cancellationToken).ConfigureAwait(false) is null)
            {
                throw ApiException.InvalidArgument($"{field}: the channel {name} does not exist; create it first (belfry channels create).");
            }
        }
    }
}
