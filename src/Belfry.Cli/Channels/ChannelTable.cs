using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Serialization;
using Belfry.Core.Notifications;

namespace Belfry.Cli.Channels;

/// <summary>Channels as a table: ID, LOCATION, TYPE, WEBHOOK_URL (the reference, or "(stored)"), SIGNED. Never a secret value.</summary>
internal static class ChannelTable
{
    public static string Format(IReadOnlyList<JsonNode> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var rows = channels
            .Select(c => c.Deserialize(BelfryJsonContext.Lenient.ChannelResource) ?? new ChannelResource())
            .Select(c =>
            {
                var name = ChannelName.TryParse(c.Name, out var parsed) ? parsed : null;
                return (IReadOnlyList<string>)
                [
                    name?.ChannelId ?? c.Name ?? "",
                    name?.Location ?? "",
                    c.Type is { } type ? type.ToString().ToUpperInvariant() : "",
                    c.WebhookUrl ?? (c.WebhookUrlSet == true ? "(stored)" : ""),
                    c.SecretSet == true ? c.Secret ?? "yes (stored)" : "no",
                ];
            });
        return TableWriter.Format(["ID", "LOCATION", "TYPE", "WEBHOOK_URL", "SIGNED"], rows);
    }
}
