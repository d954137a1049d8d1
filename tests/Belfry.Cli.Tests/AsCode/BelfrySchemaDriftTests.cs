using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Belfry.Cli.AsCode;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Tests.AsCode;

/// <summary>
/// Keeps docs/belfry.schema.json from drifting: walks <see cref="DeclaredKind"/> and the API's wire types as the reader
/// reads them (<see cref="BelfryJsonContext"/>) and checks each object's fields against the schema's, both ways, with
/// their types and enum values. The schema is written by hand, for its descriptions and patterns; this says when the
/// API grows a field the schema lacks, or the schema offers one the reader refuses.
/// </summary>
public sealed class BelfrySchemaDriftTests
{
    private static readonly Dictionary<string, Type> WireTypes = new(StringComparer.Ordinal)
    {
        [DeclaredKind.Channels.Key] = typeof(ChannelResource),
        [DeclaredKind.Jobs.Key] = typeof(JobResource),
        [DeclaredKind.Pipelines.Key] = typeof(PipelineResource),
        [DeclaredKind.AlertPolicies.Key] = typeof(AlertPolicyResource),
    };

    // What the wire type has but the server refuses in that place, so the schema rightly leaves out (PipelineValidator).
    private static readonly Dictionary<string, string[]> Refused = new(StringComparer.Ordinal)
    {
        ["pipelines[].belfry"] = ["missedRunDeadline", "notifyOnRecovery"],
    };

    private readonly JsonObject _schema = SchemaFile.Node;
    private readonly List<string> _problems = [];

    [Fact]
    public void Schema_TopAndLocation_HaveTheReadersKeys()
    {
        var location = Shape(_schema["properties"]!["locations"]!["items"]!);

        Assert.Equal(["$schema", "locations"], Keys(_schema));
        Assert.Equal(["alertPolicies", "channels", "jobs", "location", "pipelines", "project"], Keys(location));
        Assert.Equal(Sorted(["project", "location", .. DeclaredKind.All.Select(k => k.Key)]), Keys(location));
        Assert.Equal(["location", "project"], Sorted(location["required"]!.AsArray().Select(r => (string)r!)));
    }

    [Fact]
    public void Schema_EveryKind_HasExactlyTheFieldsTheApiTakesWithTheirTypes()
    {
        var location = Shape(_schema["properties"]!["locations"]!["items"]!);
        Assert.Equal(Sorted(WireTypes.Keys), Sorted(DeclaredKind.All.Select(k => k.Key)));

        foreach (var kind in DeclaredKind.All)
        {
            var items = Shape(Shape(location["properties"]![kind.Key]!)["items"]!);
            // The name is output only in the API's answers, but the file names each resource by it.
            CheckObject(items, WireTypes[kind.Key], $"{kind.Key}[]", [.. kind.OutputOnly.Where(f => f != "name")]);
            Assert.Contains("name", items["required"]!.AsArray().Select(r => (string)r!));
        }

        Assert.Empty(_problems);
    }

    [Fact]
    public void Schema_SecretFields_TakeOnlyReferences()
    {
        var channel = Shape(_schema["definitions"]!["channel"]!);

        foreach (var field in new[] { "webhookUrl", "secret" })
        {
            var shape = Shape(channel["properties"]![field]!);
            Assert.Equal("^(env|file):.+", (string?)shape["pattern"]);
            Assert.Null(shape["anyOf"]);
        }
    }

    private void CheckObject(JsonObject schema, Type type, string path, IReadOnlyCollection<string> skipped)
    {
        if (schema["additionalProperties"] is not JsonValue closed || closed.GetValue<bool>())
        {
            _problems.Add($"{path}: additionalProperties must be false, so an editor flags unknown fields.");
        }

        var refused = Refused.GetValueOrDefault(path, []);
        // JsonElement fields (pubsubTarget, oauthToken, …) exist only for the server to refuse them by name.
        var wire = BelfryJsonContext.Default.Options.GetTypeInfo(type).Properties
            .Where(p => !skipped.Contains(p.Name) && !refused.Contains(p.Name) && p.PropertyType != typeof(JsonElement?))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        var properties = schema["properties"]?.AsObject() ?? [];
        _problems.AddRange(wire.Keys.Except(properties.Select(p => p.Key)).Select(f => $"{path}.{f}: the API takes it; the schema lacks it."));
        _problems.AddRange(properties.Select(p => p.Key).Except(wire.Keys).Select(f => $"{path}.{f}: in the schema; the reader refuses it."));
        _problems.AddRange((schema["required"]?.AsArray() ?? []).Select(r => (string)r!).Where(r => !properties.ContainsKey(r)).Select(r => $"{path}: requires {r}, which it does not describe."));
        foreach (var (name, property) in properties)
        {
            if (wire.TryGetValue(name, out var info))
            {
                CheckValue(property!, info.PropertyType, $"{path}.{name}");
            }

            if (FindDescription(property!) is null)
            {
                _problems.Add($"{path}.{name}: no description for an editor to show.");
            }
        }
    }

    private void CheckValue(JsonNode node, Type type, string path)
    {
        var shape = Shape(node);
        type = Nullable.GetUnderlyingType(type) ?? type;
        var expected = type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(bool) => "boolean",
            _ when type.IsEnum => "string",
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) => "array",
            _ => "object",
        };
        if ((string?)shape["type"] != expected)
        {
            _problems.Add($"{path}: type {(string?)shape["type"] ?? "(none)"} in the schema, {expected} on the wire.");
            return;
        }

        if (type.IsEnum && !Sorted(shape["enum"]?.AsArray().Select(v => (string)v!) ?? []).SequenceEqual(EnumNames(type)))
        {
            _problems.Add($"{path}: enum {shape["enum"]?.ToJsonString()} in the schema, {string.Join(",", EnumNames(type))} on the wire.");
        }
        else if (expected == "array")
        {
            CheckValue(shape["items"]!, type.GetGenericArguments()[0], path + "[]");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            CheckValue(shape["additionalProperties"]!, type.GetGenericArguments()[1], path + "{}");
        }
        else if (expected == "object")
        {
            CheckObject(shape, type, path, []);
        }
    }

    /// <summary>The names an enum takes on the wire, less the *_UNSPECIFIED ones, which mean "left out".</summary>
    private static IReadOnlyList<string> EnumNames(Type type) => Sorted(type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
        .Where(n => !n.EndsWith("_UNSPECIFIED", StringComparison.Ordinal)));

    /// <summary>What a value must be: through $ref and a lone allOf, and past the ${…} reference branch of an anyOf.</summary>
    private JsonObject Shape(JsonNode node)
    {
        while (true)
        {
            if (node["$ref"] is JsonValue reference)
            {
                node = _schema["definitions"]![((string)reference!)["#/definitions/".Length..]]!;
            }
            else if (node["allOf"] is JsonArray { Count: 1 } all)
            {
                node = all[0]!;
            }
            else if (node["anyOf"] is JsonArray any && any.Where(b => (string?)b!["$ref"] != "#/definitions/reference").ToList() is [var only])
            {
                node = only!;
            }
            else
            {
                return node.AsObject();
            }
        }
    }

    private string? FindDescription(JsonNode node) => (string?)node["description"]
        ?? (node["$ref"] is JsonValue reference ? FindDescription(_schema["definitions"]![((string)reference!)["#/definitions/".Length..]]!) : null);

    private static IReadOnlyList<string> Keys(JsonObject node) => Sorted(node["properties"]!.AsObject().Select(p => p.Key));

    private static IReadOnlyList<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
