using System.Globalization;
using System.Text.Json.Nodes;
using Belfry.Contracts.Serialization;
using Belfry.Core.Scheduling;
using Belfry.Cli.Output;

namespace Belfry.Cli.Cron;

/// <summary>How <c>cron next</c> shows fire times: a table, or one JSON object per fire.</summary>
internal static class CronNextFormatter
{
    /// <summary>Columns LOCAL (ZONE), UTC and DST; the DST column is filled only where DST moved the time.</summary>
    public static string Table(IEnumerable<ScheduleOccurrence> fires, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(fires);
        string[] headers = [$"LOCAL ({zoneId})", "UTC", "DST"];
        return TableWriter.Format(headers, fires.Select(f => (IReadOnlyList<string>)[LocalText(f.Local), Utc(f.Utc), f.DstNote ?? string.Empty]));
    }

    /// <summary><c>[{"utc": "…Z", "local": "…-04:00", "dst": "…"}]</c>; <c>dst</c> only when adjusted.</summary>
    public static JsonArray ToJson(IEnumerable<ScheduleOccurrence> fires)
    {
        ArgumentNullException.ThrowIfNull(fires);
        var array = new JsonArray();
        foreach (var fire in fires)
        {
            var item = new JsonObject
            {
                ["utc"] = Utc(fire.Utc),
                ["local"] = fire.Local.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            };
            if (fire.DstNote is { } note)
            {
                item["dst"] = note;
            }

            array.Add(item);
        }

        return array;
    }

    public static string Utc(DateTimeOffset instant) => UtcTimestampConverter.Format(instant);

    private static string LocalText(DateTimeOffset local) =>
        local.ToString("ddd yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
