using System.Text;

namespace Belfry.Server.Api.Reports;

/// <summary>
/// One RFC 4180 record: fields with a comma, quote or line break quoted, quotes doubled, a CRLF at the end, null as
/// an empty field. The export's CSV and <c>belfry report --format=csv</c> both write it.
/// </summary>
internal static class CsvLine
{
    public static StringBuilder Append(StringBuilder line, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var value = values[i] ?? "";
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(value);
            }
        }

        return line.Append("\r\n");
    }
}
