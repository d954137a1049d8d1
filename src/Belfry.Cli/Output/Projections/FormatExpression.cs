using System.Text.RegularExpressions;

namespace Belfry.Cli.Output.Projections;

/// <summary>
/// Reads gcloud's <c>NAME[ATTRIBUTES](PROJECTION)</c> (<c>gcloud topic formats</c>, <c>gcloud topic projections</c>) for
/// the forms scripts use: <c>json</c>, <c>yaml</c>, <c>table</c>, and <c>table(…)</c>, <c>value(…)</c>, <c>csv(…)</c>
/// over resource keys, each key optionally labelled (<c>name.basename():label=JOB</c>), with the <c>[no-heading]</c>
/// attribute. Anything else is refused with a message that says what is accepted.
/// </summary>
internal static partial class FormatExpression
{
    public const string Accepted = "json, yaml, table, or table(KEY,…), value(KEY,…), csv(KEY,…) over resource keys such as name or httpTarget.uri";

    /// <summary>The format, or an error message.</summary>
    public static (FormatSpec? Format, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            return (null, $"invalid format \"{text}\"; expected {Accepted}");
        }

        OutputFormat? kind = match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            "table" => OutputFormat.Table,
            "value" => OutputFormat.Value,
            "csv" => OutputFormat.Csv,
            _ => null,
        };
        if (kind is not { } format)
        {
            return (null, $"invalid format \"{text}\"; expected {Accepted}");
        }

        var noHeading = false;
        foreach (var attribute in Split(match.Groups["attributes"].Value))
        {
            if (attribute != "no-heading" || format is not (OutputFormat.Table or OutputFormat.Csv))
            {
                return (null, $"invalid format \"{text}\": unsupported attribute \"{attribute}\"; table and csv take [no-heading]");
            }

            noHeading = true;
        }

        var columns = new List<ProjectionColumn>();
        foreach (var column in Split(match.Groups["projection"].Value))
        {
            var parts = column.Split(':');
            var key = ResourceKey.TryParse(parts[0].Trim());
            if (key is null)
            {
                return (null, $"invalid format \"{text}\": \"{parts[0].Trim()}\" is not a resource key; expected a dotted path such as httpTarget.uri");
            }

            string? label = null;
            foreach (var attribute in parts.Skip(1).Select(p => p.Trim()))
            {
                if (!attribute.StartsWith("label=", StringComparison.Ordinal))
                {
                    return (null, $"invalid format \"{text}\": unsupported key attribute \"{attribute}\"; keys take :label=HEADING");
                }

                label = attribute["label=".Length..].Trim('\'', '"');
            }

            columns.Add(new ProjectionColumn(key, label));
        }

        if (format is OutputFormat.Json or OutputFormat.Yaml && (columns.Count > 0 || match.Groups["projection"].Success))
        {
            return (null, $"invalid format \"{text}\": {match.Groups["name"].Value} takes no projection; use table(…), value(…) or csv(…) to choose keys");
        }

        if (format is OutputFormat.Value or OutputFormat.Csv && columns.Count == 0)
        {
            return (null, $"invalid format \"{text}\": {match.Groups["name"].Value} needs the keys to print, e.g. {match.Groups["name"].Value}(name,state)");
        }

        return (new FormatSpec(format, columns, noHeading), null);
    }

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\s*(\[(?<attributes>[^\]]*)\])?\s*(\((?<projection>.*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
