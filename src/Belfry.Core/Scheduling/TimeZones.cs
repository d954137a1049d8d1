using System.Collections.Concurrent;

namespace Belfry.Core.Scheduling;

/// <summary>
/// A job's IANA time zone by id, with Cloud Scheduler's rules (exact tz database ids only), cached: the dispatcher
/// needs the zone of every attempt it sends, and parsing the job's cron schedule just for it (as it once did) was
/// the wrong dependency.
/// </summary>
internal static class TimeZones
{
    private const int MaxEntries = 10_000;
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>The zone, or a <see cref="ScheduleFormatException"/> naming <c>timeZone</c>.</summary>
    public static TimeZoneInfo Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Zones.TryGetValue(id, out var zone))
        {
            return zone;
        }

        // Bounded by clearing: the tz database has about 600 ids, so this only bites on a flood of made-up ones,
        // which Load refuses before anything is added anyway.
        if (Zones.Count >= MaxEntries)
        {
            Zones.Clear();
        }

        return Zones[id] = Load(id);
    }

    private static TimeZoneInfo Load(string id)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw UnknownZone(id);
        }

        // .NET caches zones case-insensitively, so "america/new_york" resolves only once "America/New_York" has
        // been loaded in this process. Insisting on the exact id keeps the answer independent of that history.
        if (!string.Equals(zone.Id, id, StringComparison.Ordinal))
        {
            throw UnknownZone(id);
        }

        // .NET also resolves Windows ids ("Eastern Standard Time"); Cloud Scheduler takes tz database names only,
        // and a stored job should mean the same on every machine.
        if (!zone.HasIanaId)
        {
            var hint = TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? $"; use \"{iana}\"" : "";
            throw new ScheduleFormatException("timeZone", $"timeZone: \"{id}\" is not an IANA time zone id{hint}");
        }

        return zone;
    }

    private static ScheduleFormatException UnknownZone(string id)
    {
        // Only when refusing, so the list of zones is read only when someone misspells one.
        var hint = ZoneSuggestion.For(id) is { } suggestion ? $"; did you mean \"{suggestion}\"?" : "";
        return new("timeZone", $"timeZone: unknown time zone \"{id}\"{hint}");
    }
}
