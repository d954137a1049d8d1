using System.Diagnostics.CodeAnalysis;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// gcloud's dictionary and list flags: <c>KEY=VALUE,KEY2=VALUE2</c> and <c>KEY,KEY2</c>. As in gcloud, a value that
/// contains commas can choose another delimiter with a <c>^DELIM^</c> prefix: <c>^;^Accept=a,b;X-Id=1</c>.
/// </summary>
internal static class HeadersParser
{
    public static bool TryParseDictionary(string text, [NotNullWhen(true)] out Dictionary<string, string>? headers, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        headers = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        foreach (var item in Split(text))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                headers = null;
                error = $"bad syntax for dict arg: [{item}]; expected KEY=VALUE";
                return false;
            }

            headers[item[..equals]] = item[(equals + 1)..];
        }

        return true;
    }

    public static IReadOnlyList<string> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text);
    }

    private static List<string> Split(string text)
    {
        var delimiter = ",";
        if (text.Length > 2 && text[0] == '^')
        {
            var close = text.IndexOf('^', 1);
            if (close > 1)
            {
                delimiter = text[1..close];
                text = text[(close + 1)..];
            }
        }

        return [.. text.Split(delimiter, StringSplitOptions.RemoveEmptyEntries)];
    }
}
