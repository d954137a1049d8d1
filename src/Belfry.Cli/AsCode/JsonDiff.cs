using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode;

/// <summary>Field-by-field differences of two resources: objects are walked, anything else (lists included) compared whole.</summary>
internal static class JsonDiff
{
    public static List<FieldChange> Compare(JsonNode? old, JsonNode? @new)
    {
        var changes = new List<FieldChange>();
        Walk("", old, @new, changes);
        return changes;
    }

    private static void Walk(string path, JsonNode? old, JsonNode? @new, List<FieldChange> changes)
    {
        if (old is JsonObject before && @new is JsonObject after)
        {
            foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Walk(path.Length == 0 ? key : $"{path}.{key}", before[key], after[key], changes);
            }
        }
        else if (old is JsonObject alone && @new is null)
        {
            foreach (var (key, value) in alone)
            {
                Walk(path.Length == 0 ? key : $"{path}.{key}", value, null, changes);
            }
        }
        else if (@new is JsonObject added && old is null)
        {
            foreach (var (key, value) in added)
            {
                Walk(path.Length == 0 ? key : $"{path}.{key}", null, value, changes);
            }
        }
        else if (!JsonNode.DeepEquals(old, @new))
        {
            changes.Add(new FieldChange(path, old?.DeepClone(), @new?.DeepClone()));
        }
    }
}
