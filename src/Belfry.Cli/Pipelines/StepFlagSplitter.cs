using System.Text;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Pipelines;

/// <summary>
/// Splits a <c>--step</c> value at its commas, except where a comma belongs to a value: inside a value quoted from its
/// start (<c>uri="https://x/?ids=1,2"</c>, or single quotes), or escaped (<c>uri=https://x/?ids=1\,2</c>). URIs may
/// hold commas, so a plain split cut them into pieces that then read as unknown keys (issue 15, point 8).
/// </summary>
internal static class StepFlagSplitter
{
    /// <summary>Said wherever a comma may have cut a value: the two ways to keep it, and the way around it.</summary>
    public const string CommaHint =
        "a comma inside a value must be quoted (uri=\"…,…\") or escaped (\\,); or give the pipeline as JSON with --from-file";

    public static List<string> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var part = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    part.Append(c);
                }
            }
            else if (c == '\\' && i + 1 < value.Length && value[i + 1] == ',')
            {
                part.Append(',');
                i++;
            }
            else if (c is '"' or '\'' && StartsValue(part))
            {
                quote = c;
            }
            else if (c == ',')
            {
                parts.Add(part.ToString().Trim());
                part.Clear();
            }
            else
            {
                part.Append(c);
            }
        }

        if (quote is not null)
        {
            throw new CliUsageException($"argument --step: \"{value}\" has a {quote} that is never closed; {CommaHint}.");
        }

        parts.Add(part.ToString().Trim());
        return parts;
    }

    // A quote opens only where a value starts (a part's start, or just after its first '='), so an apostrophe in
    // the middle of a URI stays a character.
    private static bool StartsValue(StringBuilder part)
    {
        var text = part.ToString().TrimStart();
        return text.Length == 0 || text.IndexOf('=', StringComparison.Ordinal) == text.Length - 1;
    }
}
