using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Belfry.Testing;
using YamlDotNet.Serialization;

namespace Belfry.Cli.Tests.AsCode;

/// <summary>
/// docs/belfry.schema.json, and a real validator (JsonSchema.Net) run on YAML as an editor's YAML language server
/// gives it to the schema: unquoted scalars typed (numbers, booleans), everything else a string.
/// </summary>
internal static class SchemaFile
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Text));

    public static string Path { get; } = System.IO.Path.Combine(TestEnvironment.RepositoryRoot, "docs", "belfry.schema.json");

    public static string Text => File.ReadAllText(Path);

    public static JsonObject Node => JsonNode.Parse(Text)!.AsObject();

    /// <summary>Each failure as "instance location: message", e.g. <c>/locations/0/jobs/0/retries: …</c>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string yaml)
    {
        var results = Schema.Value.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var failures = new List<string>();
        Collect(results, failures);
        return failures;
    }

    /// <summary>
    /// Only down failed nodes: a passing anyOf (a value, not a ${…} reference) keeps its failed branch's errors in the
    /// results, and they are no failure of the file.
    /// </summary>
    private static void Collect(EvaluationResults node, List<string> failures)
    {
        if (node.IsValid)
        {
            return;
        }

        failures.AddRange((node.Errors ?? new Dictionary<string, string>()).Select(e => $"{node.InstanceLocation}: {e.Value}"));
        foreach (var child in node.Details ?? [])
        {
            Collect(child, failures);
        }
    }

    /// <summary>The instance locations that failed, for asserting where a file is wrong.</summary>
    public static IReadOnlyList<string> FailedLocations(string yaml) => [.. Validate(yaml).Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]).Distinct()];

    public static JsonElement ToJson(string yaml)
    {
        var value = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object?>(yaml);
        return JsonSerializer.SerializeToElement(ToNode(value));
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(Convert.ToString(p.Key, CultureInfo.InvariantCulture)!, ToNode(p.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToNode)]),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };

}
