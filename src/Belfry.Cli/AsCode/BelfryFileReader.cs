using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Contracts.ChangeSets;
using Belfry.Core.Jobs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Belfry.Cli.AsCode;

/// <summary>
/// Reads a <c>belfry.yaml</c> (YAML, or JSON, which YAML reads too; docs/jobs-as-code.md): a list of
/// <c>locations</c>, each a project and location with its <c>channels</c>, <c>jobs</c>, <c>pipelines</c> and
/// <c>alertPolicies</c> as the API's JSON, named by id. Each resource goes through the API's own wire type, strictly,
/// so a misspelt or unknown field fails here, named by line and column; what only the server can judge (a cron, a
/// zone, a channel reference, a cycle) is checked by the server's <c>validateOnly</c> and mapped back to the file.
/// </summary>
internal sealed class BelfryFileReader(string path, FileValues values)
{
    private static readonly string[] LocationKeys = ["project", "location", .. DeclaredKind.All.Select(k => k.Key)];

    public BelfryFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Load(text);
        if (root is not YamlMappingNode top)
        {
            throw Fail(root?.Start ?? Mark.Empty, "", "the file must be a mapping with a 'locations' list.");
        }

        var locations = new List<LocationName>();
        var resources = new List<DeclaredResource>();
        foreach (var (key, value) in top.Children)
        {
            switch (Key(key))
            {
                // The JSON Schema an editor reads (docs/), named in the file itself.
                case "$schema":
                    break;
                case "locations" when value is YamlSequenceNode list:
                    foreach (var entry in list)
                    {
                        ReadLocation(entry, locations, resources);
                    }

                    break;
                case "locations":
                    throw Fail(value.Start, "locations", "must be a list of {project, location, channels, jobs, pipelines, alertPolicies}.");
                default:
                    throw Fail(key.Start, Key(key), "unknown field; the file has 'locations' (and '$schema').");
            }
        }

        return new BelfryFile(path, locations, resources);
    }

    private void ReadLocation(YamlNode entry, List<LocationName> locations, List<DeclaredResource> resources)
    {
        if (entry is not YamlMappingNode map)
        {
            throw Fail(entry.Start, "locations[]", "must be a mapping with project and location.");
        }

        foreach (var key in map.Children.Keys.Where(k => !LocationKeys.Contains(Key(k))))
        {
            throw Fail(key.Start, Key(key), $"unknown field; a location has {string.Join(", ", LocationKeys)}.");
        }

        var project = RequiredId(map, "project", "locations[]");
        var location = RequiredId(map, "location", $"locations[{project}]");
        var parent = new LocationName(project, location);
        if (locations.Contains(parent))
        {
            throw Fail(map.Start, $"locations[{project}/{location}]", "this project and location appear twice; declare them once.");
        }

        locations.Add(parent);
        foreach (var kind in DeclaredKind.All)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(kind.Key), out var list))
            {
                continue;
            }

            if (list is not YamlSequenceNode items)
            {
                throw Fail(list.Start, kind.Key, $"must be a list of {kind.Noun} resources.");
            }

            foreach (var item in items)
            {
                var resource = ReadResource(kind, parent, item);
                if (resources.Any(r => r.FullName == resource.FullName))
                {
                    throw Fail(item.Start, resource.FieldName(null), "declared twice.");
                }

                resources.Add(resource);
            }
        }
    }

    private DeclaredResource ReadResource(DeclaredKind kind, LocationName parent, YamlNode item)
    {
        var fields = new Dictionary<string, FilePosition>(StringComparer.Ordinal);
        JsonNode? converted;
        try
        {
            converted = Convert(item, "", fields);
        }
        catch (BelfryFileException e)
        {
            // A value that could not be substituted: named under its resource, as every other error is.
            var named = item is YamlMappingNode raw && raw.Children.TryGetValue(new YamlScalarNode("name"), out var idNode) ? Key(idNode) : "";
            throw new BelfryFileException(path, e.Position, $"{kind.Key}[{named}].{e.Field}", e.Message[(e.Message.IndexOf(e.Field + ": ", StringComparison.Ordinal) + e.Field.Length + 2)..]);
        }

        if (converted is not JsonObject body)
        {
            throw Fail(item.Start, kind.Key, $"each entry must be a {kind.Noun} (a mapping).");
        }

        var prefix = $"projects/{parent.Project}/locations/{parent.Location}/{kind.Key}/";
        var name = body["name"] is JsonValue value && value.TryGetValue<string>(out var given) ? given : null;
        var id = name?.StartsWith("projects/", StringComparison.Ordinal) == true && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        if (string.IsNullOrEmpty(id) || id.Contains('/', StringComparison.Ordinal))
        {
            throw Fail(item.Start, $"{kind.Key}[].name", $"required: the {kind.Noun}'s id in {parent.Project}/{parent.Location} (or its full name there).");
        }

        body["name"] = prefix + id;
        var resource = new DeclaredResource(kind, prefix + id, id, body, Position(item.Start), fields);
        if (kind == DeclaredKind.Channels)
        {
            CheckSecretReferences(resource);
        }

        try
        {
            kind.Carry(new ResourceChangeResource(), body);
        }
        catch (JsonException e)
        {
            var (field, problem) = Describe(e);
            throw new BelfryFileException(path, resource.PositionOf(field), resource.FieldName(field), problem);
        }

        return resource;
    }

    /// <summary>Secrets live outside the file: a channel's webhook URL and signing secret are references only.</summary>
    private void CheckSecretReferences(DeclaredResource channel)
    {
        foreach (var field in new[] { "webhookUrl", "secret" })
        {
            if (channel.Body[field] is JsonValue value && value.TryGetValue<string>(out var text)
                && !text.StartsWith("env:", StringComparison.Ordinal) && !text.StartsWith("file:", StringComparison.Ordinal))
            {
                throw new BelfryFileException(path, channel.PositionOf(field), channel.FieldName(field),
                    "a secret is written only as a reference, env:NAME or file:PATH (read by the server), never as a value.");
            }
        }
    }

    private JsonNode? Convert(YamlNode node, string at, Dictionary<string, FilePosition> fields)
    {
        if (at.Length > 0)
        {
            fields[at] = Position(node.Start);
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = Key(key);
                    var child = at.Length == 0 ? name : $"{at}.{name}";
                    obj[name] = Convert(value, child, fields);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence)
                {
                    array.Add(Convert(item, $"{at}[{i++}]", fields));
                }

                return array;
            case YamlScalarNode scalar:
                var text = values.Substitute(scalar.Value ?? "", problem => Fail(node.Start, at, problem));
                return scalar.Style is ScalarStyle.Plain ? Plain(text) : JsonValue.Create(text);
            default:
                throw Fail(node.Start, at, "aliases are not supported.");
        }
    }

    /// <summary>An unquoted scalar as YAML's core schema reads it: null, a boolean, a number, or else a string.</summary>
    private static JsonValue? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };

    private YamlNode? Load(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new BelfryFileException(path, Position(e.Start), "(syntax)", e.InnerException?.Message ?? e.Message);
        }
    }

    private string RequiredId(YamlMappingNode map, string key, string field) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value }
            ? ResourceId.IsValidProjectOrLocation(value = values.Substitute(value, problem => Fail(node.Start, key, problem)))
                ? value
                : throw Fail(node.Start, $"{field}.{key}", $"\"{value}\" is not a valid {key} id.")
            : throw Fail(map.Start, $"{field}.{key}", "required.");

    /// <summary>The field a System.Text.Json error is about, and what is wrong, in the API's words.</summary>
    private static (string Field, string Problem) Describe(JsonException e)
    {
        var at = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        const string unmapped = "could not be mapped to any .NET member";
        if (e.Message.Contains(unmapped, StringComparison.Ordinal))
        {
            var start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            var name = end > start ? e.Message[(start + 1)..end] : "?";
            // The path names the unknown field itself on this runtime; older ones stop at its parent.
            var field = at == name || at.EndsWith("." + name, StringComparison.Ordinal) ? at : at.Length == 0 ? name : $"{at}.{name}";
            return (field, "unknown field: the API has no such field here.");
        }

        var sentence = e.Message.IndexOf(". ", StringComparison.Ordinal) is var stop and > 0 ? e.Message[..(stop + 1)] : e.Message;
        return (at, $"wrong type: {sentence}");
    }

    private static string Key(YamlNode key) => (key as YamlScalarNode)?.Value ?? "?";

    private static FilePosition Position(Mark mark) => new(Math.Max(mark.Line, 1), Math.Max(mark.Column, 1));

    private BelfryFileException Fail(Mark mark, string field, string problem) => new(path, Position(mark), field, problem);
}
