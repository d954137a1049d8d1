using System.Collections.Concurrent;

namespace Belfry.Server.Notifications;

/// <summary>
/// The channels whose receiver asked for a pause (a 429, or any answer naming a wait), until when. The store holds the
/// rows that existed back (<see cref="Core.Storage.INotificationOutbox.PauseNotificationChannelAsync"/>); this keeps the
/// relay from sending rows enqueued during the pause, which it gives back as soon as it claims them.
/// </summary>
internal sealed class ChannelPauses
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>Pauses <paramref name="channel"/> until <paramref name="until"/>, never shortening a pause.</summary>
    public void Pause(string channel, DateTimeOffset until) =>
        _until.AddOrUpdate(channel, until, (_, current) => current > until ? current : until);

    /// <summary>The end of <paramref name="channel"/>'s pause, or null when it is not paused at <paramref name="now"/>.</summary>
    public DateTimeOffset? Until(string channel, DateTimeOffset now)
    {
        if (!_until.TryGetValue(channel, out var until))
        {
            return null;
        }

        if (until > now)
        {
            return until;
        }

        // Over: forgotten, so the map holds only channels paused now (unless a newer pause replaced it meanwhile).
        _until.TryRemove(KeyValuePair.Create(channel, until));
        return null;
    }
}
