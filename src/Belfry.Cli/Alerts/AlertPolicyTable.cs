using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.Serialization;
using Belfry.Core.Alerts;
using Belfry.Core.Notifications;

namespace Belfry.Cli.Alerts;

/// <summary>Alert policies as a table: ID, LOCATION, FAILURES, WINDOW, RATE_LIMIT, CHANNELS (ids), JOBS, STATE.</summary>
internal static class AlertPolicyTable
{
    public static string Format(IReadOnlyList<JsonNode> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var rows = policies
            .Select(p => p.Deserialize(BelfryJsonContext.Lenient.AlertPolicyResource) ?? new AlertPolicyResource())
            .Select(p =>
            {
                var name = AlertPolicyName.TryParse(p.Name, out var parsed) ? parsed : null;
                var channels = (p.Channels ?? []).Select(c => ChannelName.TryParse(c, out var channel) && channel.Parent == name?.Parent ? channel.ChannelId : c);
                return (IReadOnlyList<string>)
                [
                    name?.PolicyId ?? p.Name ?? "",
                    name?.Location ?? "",
                    p.Failures?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    p.Window ?? "",
                    p.RateLimit ?? "",
                    string.Join(',', channels),
                    p.Jobs is { Count: > 0 } jobs ? string.Join(',', jobs) : "(all)",
                    p.Enabled == false ? "DISABLED" : p.State ?? "",
                ];
            });
        return TableWriter.Format(["ID", "LOCATION", "FAILURES", "WINDOW", "RATE_LIMIT", "CHANNELS", "JOBS", "STATE"], rows);
    }
}
