using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Contracts.Nodes;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Nodes;

/// <summary>Nodes as a table: ID, STATE, ADDRESS, VERSION, STARTED, LAST_HEARTBEAT (UTC), IN_FLIGHT, CLOCK_OFFSET, REASON.</summary>
internal static class NodeTable
{
    public static string Format(IReadOnlyList<JsonNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var rows = nodes
            .Select(n => n.Deserialize(BelfryJsonContext.Lenient.NodeResource) ?? new NodeResource())
            .Select(n => (IReadOnlyList<string>)
            [
                n.Id ?? "", n.State ?? "", n.Address ?? "", n.Version ?? "", Time(n.StartTime), Time(n.HeartbeatTime),
                n.ExecutionsInFlight.ToString(CultureInfo.InvariantCulture), n.ClockOffset ?? "", n.Reason ?? "",
            ]);
        return TableWriter.Format(["ID", "STATE", "ADDRESS", "VERSION", "STARTED", "LAST_HEARTBEAT", "IN_FLIGHT", "CLOCK_OFFSET", "REASON"], rows);
    }

    private static string Time(DateTimeOffset? value) => value is { } instant ? UtcTimestampConverter.Format(instant) : "";
}
