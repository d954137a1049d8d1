using Belfry.Core.Text;

namespace Belfry.Core.Scheduling;

/// <summary>
/// The IANA zone a refused time zone most likely meant (issue 15): the same id in another case (<c>asia/tokyo</c>),
/// a common abbreviation's representative zone (<c>JST</c> → <c>Asia/Tokyo</c>), a city alone
/// (<c>new york</c> → <c>America/New_York</c>), or else the id nearest by edit distance.
/// </summary>
internal static class ZoneSuggestion
{
    // Abbreviations are not zones (CST is both Chicago and Shanghai), so each maps to the zone most people mean.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["JST"] = "Asia/Tokyo",
        ["KST"] = "Asia/Seoul",
        ["IST"] = "Asia/Kolkata",
        ["HKT"] = "Asia/Hong_Kong",
        ["SGT"] = "Asia/Singapore",
        ["PHT"] = "Asia/Manila",
        ["WIB"] = "Asia/Jakarta",
        ["AEST"] = "Australia/Sydney",
        ["AEDT"] = "Australia/Sydney",
        ["ACST"] = "Australia/Adelaide",
        ["AWST"] = "Australia/Perth",
        ["NZST"] = "Pacific/Auckland",
        ["NZDT"] = "Pacific/Auckland",
        ["EST"] = "America/New_York",
        ["EDT"] = "America/New_York",
        ["CST"] = "America/Chicago",
        ["CDT"] = "America/Chicago",
        ["MST"] = "America/Denver",
        ["MDT"] = "America/Denver",
        ["PST"] = "America/Los_Angeles",
        ["PDT"] = "America/Los_Angeles",
        ["AKST"] = "America/Anchorage",
        ["HST"] = "Pacific/Honolulu",
        ["BRT"] = "America/Sao_Paulo",
        ["GMT"] = "Etc/UTC",
        ["UTC"] = "Etc/UTC",
        ["Z"] = "Etc/UTC",
        ["BST"] = "Europe/London",
        ["WET"] = "Europe/Lisbon",
        ["CET"] = "Europe/Paris",
        ["CEST"] = "Europe/Paris",
        ["EET"] = "Europe/Athens",
        ["EEST"] = "Europe/Athens",
        ["MSK"] = "Europe/Moscow",
    };

    private static readonly Lazy<string[]> IanaIds = new(LoadIanaIds);

    // "America/Argentina/Buenos_Aires" → "Buenos_Aires". Should two zones share a city name, the first in ordinal
    // order wins, which keeps the answer stable.
    private static readonly Lazy<Dictionary<string, string>> ZonesByCity = new(() =>
    {
        var cities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in IanaIds.Value.Where(z => z.Contains('/', StringComparison.Ordinal)))
        {
            cities.TryAdd(id[(id.LastIndexOf('/') + 1)..], id);
        }

        return cities;
    });

    /// <summary>The suggested IANA id, or null when nothing is near enough to be a useful guess.</summary>
    public static string? For(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var wanted = id.Trim().Replace(' ', '_');
        if (wanted.Length == 0)
        {
            return null;
        }

        var ids = IanaIds.Value;
        var sameIgnoringCase = ids.FirstOrDefault(z => string.Equals(z, wanted, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
        {
            return sameIgnoringCase;
        }

        if (Abbreviations.TryGetValue(wanted, out var representative))
        {
            return representative;
        }

        var tolerance = NearestName.Tolerance(wanted);
        if (wanted.Contains('/', StringComparison.Ordinal))
        {
            return NearestName.Find(wanted, ids, tolerance);
        }

        // A city alone: its zone when spelt right, else the nearest city's.
        var cities = ZonesByCity.Value;
        return cities.TryGetValue(wanted, out var zone) ? zone
            : NearestName.Find(wanted, cities.Keys, tolerance) is { } city ? cities[city]
            : NearestName.Find(wanted, ids, tolerance);
    }

    private static string[] LoadIanaIds()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal) { "Etc/UTC" };
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (zone.HasIanaId)
            {
                ids.Add(zone.Id);
            }
            else if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana))
            {
                ids.Add(iana);
            }
        }

        return [.. ids];
    }
}
