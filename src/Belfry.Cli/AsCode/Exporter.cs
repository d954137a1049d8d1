using System.Text.Json.Nodes;
using Belfry.Cli.Http;
using Belfry.Core.Jobs;

namespace Belfry.Cli.AsCode;

/// <summary>
/// <c>belfry export</c>: the server's channels, jobs, pipelines and alert policies of some locations as a
/// <c>belfry.yaml</c> that plans no change when applied. Only definitions are written (not what only the server sets),
/// resources named by id. A secret the server stored as a value (it never answers one) is written as a reference
/// placeholder, <c>env:BELFRY_SECRET_…</c>, and named on stderr: the file never holds a secret.
/// </summary>
internal static class Exporter
{
    public static async Task<(JsonObject File, IReadOnlyList<string> Placeholders)> ExportAsync(
        BelfryApiClient client, IReadOnlyList<LocationName> locations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var current = await Planner.ReadCurrentAsync(client, locations, cancellationToken).ConfigureAwait(false);
        var placeholders = new List<string>();
        var entries = new JsonArray();
        foreach (var location in locations)
        {
            var entry = new JsonObject { ["project"] = location.Project, ["location"] = location.Location };
            var prefix = $"projects/{location.Project}/locations/{location.Location}/";
            foreach (var kind in DeclaredKind.All)
            {
                var items = new JsonArray();
                foreach (var (name, resource) in current.Where(c => c.Key.StartsWith(prefix + kind.Key + "/", StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    var id = name[(prefix.Length + kind.Key.Length + 1)..];
                    var definition = new JsonObject { ["name"] = id };
                    foreach (var (key, value) in kind.Definition(resource))
                    {
                        definition[key] = value?.DeepClone();
                    }

                    if (kind == DeclaredKind.Channels)
                    {
                        Placeholder(definition, resource, id, "webhookUrl", "webhookUrlSet", "WEBHOOK_URL", placeholders);
                        Placeholder(definition, resource, id, "secret", "secretSet", "SECRET", placeholders);
                    }

                    items.Add(definition);
                }

                if (items.Count > 0)
                {
                    entry[kind.Key] = items;
                }
            }

            entries.Add(entry);
        }

        return (new JsonObject { ["locations"] = entries }, placeholders);
    }

    private static void Placeholder(JsonObject definition, JsonNode resource, string id, string field, string setField, string suffix, List<string> placeholders)
    {
        if (definition[field] is null && resource[setField] is JsonValue set && set.GetValue<bool>())
        {
            var variable = $"BELFRY_SECRET_{new string([.. id.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')])}_{suffix}";
            definition[field] = $"env:{variable}";
            placeholders.Add($"channels[{id}].{field}: the server holds a stored value, exported as env:{variable}; set that variable on the server before applying.");
        }
    }
}
