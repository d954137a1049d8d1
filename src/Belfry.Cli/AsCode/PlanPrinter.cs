using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode;

/// <summary>A plan as <c>terraform plan</c> shows one: each resource created (+), updated in place (~, field by field, old → new) or destroyed (-), then a count.</summary>
internal static class PlanPrinter
{
    public static string Format(IReadOnlyList<PlannedChange> changes, string file)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return $"No changes. The server matches {file}.\n";
        }

        var text = new StringBuilder("Belfry will perform the following actions:\n");
        foreach (var change in changes)
        {
            var (sign, what) = change.Action switch
            {
                "CREATE" => ("+", "will be created"),
                "UPDATE" => ("~", "will be updated in place"),
                _ => ("-", "will be destroyed"),
            };
            text.Append(CultureInfo.InvariantCulture, $"\n  {sign} {change.Kind.Noun} {change.Name} {what}\n");
            foreach (var field in change.Fields)
            {
                var line = change.Action switch
                {
                    "CREATE" => $"      + {field.Path}: {Value(field.New)}",
                    "DELETE" => $"      - {field.Path}: {Value(field.Old)}",
                    _ when field.Old is null => $"      + {field.Path}: {Value(field.New)}",
                    _ when field.New is null => $"      - {field.Path}: {Value(field.Old)}",
                    _ => $"      ~ {field.Path}: {Value(field.Old)} -> {Value(field.New)}",
                };
                text.Append(line).Append('\n');
            }
        }

        text.Append('\n').Append(Summary(changes, "Plan", "to add", "to change", "to destroy")).Append('\n');
        return text.ToString();
    }

    public static string Summary(IReadOnlyList<PlannedChange> changes, string title, string add, string change, string destroy)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return $"{title}: {changes.Count(c => c.Action == "CREATE")} {add}, {changes.Count(c => c.Action == "UPDATE")} {change}, " +
            $"{changes.Count(c => c.Action == "DELETE")} {destroy}.";
    }

    private static string Value(JsonNode? node) => node?.ToJsonString() ?? "null";
}
