using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Cli.Output;

/// <summary><c>--format=json</c>: the server's JSON, indented, keys sorted as gcloud sorts them (unless told not to).</summary>
internal static class JsonPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static string Format(JsonNode? node, bool sortKeys = true) =>
        (sortKeys ? Sorted(node) : node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
