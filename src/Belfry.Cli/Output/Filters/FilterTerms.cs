using System.Globalization;
using System.Text.RegularExpressions;

namespace Belfry.Cli.Output.Filters;

/// <summary>
/// What each operator of <c>gcloud topic filters</c> means for a key's values (a key that reaches a list has one value per
/// element, and a term holds when any value matches; a missing key matches no positive term):
/// <list type="bullet">
/// <item><c>key:pattern</c>, "has": a case-insensitive match of whole words, words being runs of letters and digits, so
/// <c>schedule:"0 6"</c> matches <c>0 6 * * *</c> but not <c>0 16 * * *</c>; a trailing <c>*</c> matches a word's prefix;
/// <c>key:*</c> holds when the key has a value.</item>
/// <item><c>key=value</c>: equal, ignoring case; <c>key!=value</c> is its negation.</item>
/// <item><c>key~regex</c>: the regular expression matches somewhere in the value; <c>key!~regex</c> is its negation.</item>
/// <item><c>&lt; &lt;= &gt; &gt;=</c>: numeric when both sides are numbers, else ordinal (RFC 3339 times compare as text).</item>
/// </list>
/// </summary>
internal static partial class FilterTerms
{
    public static Func<string, bool> Has(string pattern)
    {
        if (pattern == "*")
        {
            return value => value.Length > 0;
        }

        var prefix = pattern.EndsWith('*');
        var wanted = Words(prefix ? pattern[..^1] : pattern);
        return value =>
        {
            var words = Words(value);
            for (var start = 0; start + wanted.Length <= words.Length; start++)
            {
                if (wanted.Select((w, k) => k == wanted.Length - 1 && prefix ? words[start + k].StartsWith(w, StringComparison.Ordinal) : words[start + k] == w).All(m => m))
                {
                    return wanted.Length > 0;
                }
            }

            return false;
        };
    }

    public static Func<string, bool> Equal(string expected) => value => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    public static Func<string, bool> Matches(string pattern, string text)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FilterSyntaxException($"invalid regular expression \"{pattern}\" in \"{text}\": {e.Message}");
        }

        return regex.IsMatch;
    }

    public static Func<string, bool> Compare(string op, string operand) => value =>
    {
        var order = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
            && double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : string.CompareOrdinal(value, operand);
        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    };

    private static string[] Words(string text) => [.. NonWord().Split(text.ToLowerInvariant()).Where(w => w.Length > 0)];

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
