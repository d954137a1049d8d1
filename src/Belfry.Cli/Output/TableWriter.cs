using System.Text;

namespace Belfry.Cli.Output;

/// <summary>gcloud's table layout: an upper-case header, left-aligned columns two spaces apart, no trailing spaces.</summary>
internal static class TableWriter
{
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = new int[headers.Count];
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Cell(row, i).Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                line.Append(i == widths.Length - 1 ? Cell(row, i) : Cell(row, i).PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Cell(IReadOnlyList<string> row, int index) => index < row.Count ? row[index] : string.Empty;
}
