using System.Text;
using System.Text.Json.Nodes;

namespace Belfry.Cli.Output.Projections;

/// <summary>
/// Prints resources through a projection, as <c>gcloud topic formats</c> describes each format:
/// <list type="bullet">
/// <item><c>value</c>: "CSV with no heading and &lt;TAB&gt; separator instead of &lt;COMMA&gt;. Alphanumerics are not quoted."</item>
/// <item><c>csv</c>: RFC 4180 values with a heading row of the column labels (<c>[no-heading]</c> drops it).</item>
/// <item><c>table</c>: "Aligned left-adjusted columns and column headings are the disambiguated right hand components of
/// the column keys in uppercase", e.g. <c>(first.name, last.name)</c> gives <c>FIRST.NAME  LAST.NAME</c>.</item>
/// </list>
/// A key's label (<c>name:label=JOB</c>) replaces its heading; lists are joined by <c>;</c>.
/// </summary>
internal static class ProjectionPrinter
{
    public static string Format(FormatSpec format, IReadOnlyList<JsonNode> items)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(items);
        var rows = items.Select(item => format.Columns.Select(c => c.Key.Cell(item)).ToArray()).ToList();
        var labels = Labels(format.Columns);
        return format.Kind switch
        {
            OutputFormat.Value => string.Join('\n', rows.Select(r => string.Join('\t', r))),
            OutputFormat.Csv => string.Join('\n', (format.NoHeading ? rows : rows.Prepend([.. labels])).Select(r => string.Join(',', r.Select(Csv)))),
            OutputFormat.Table when format.NoHeading => TableWriter.Format(labels.Select(_ => string.Empty).ToArray(), rows).TrimStart('\n'),
            OutputFormat.Table => TableWriter.Format(labels.Select(l => l.ToUpperInvariant()).ToArray(), rows),
            _ => throw new ArgumentException($"The format {format.Kind} takes no projection.", nameof(format)),
        };
    }

    /// <summary>Each column's label, or the shortest right-hand part of its key that no other column's shares.</summary>
    private static string[] Labels(IReadOnlyList<ProjectionColumn> columns)
    {
        var parts = columns.Select(_ => 1).ToArray();
        string Heading(int i) => string.Join('.', columns[i].Key.Path.TakeLast(parts[i]));
        for (var changed = true; changed;)
        {
            // Every clashing column grows at once, so both of first.name and last.name gain their part.
            var clashing = Enumerable.Range(0, columns.Count).Where(i => columns[i].Label is null && parts[i] < columns[i].Key.Path.Count
                && Enumerable.Range(0, columns.Count).Any(j => j != i && columns[j].Label is null && Heading(j) == Heading(i))).ToList();
            clashing.ForEach(i => parts[i]++);
            changed = clashing.Count > 0;
        }

        return [.. columns.Select((c, i) => c.Label ?? Heading(i))];
    }

    private static string Csv(string value)
    {
        if (value.IndexOfAny([',', '"', '\r', '\n']) < 0)
        {
            return value;
        }

        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
