using System.Text.Json.Nodes;
using Belfry.Cli.Output;

namespace Belfry.Cli.Locations;

/// <summary>Locations as a table: LOCATION_ID and NAME (the full resource name).</summary>
internal static class LocationTable
{
    public static string Format(IReadOnlyList<JsonNode> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        return TableWriter.Format(["LOCATION_ID", "NAME"],
            locations.Select(l => (IReadOnlyList<string>)[(string?)l["locationId"] ?? "", (string?)l["name"] ?? ""]));
    }
}
