using System.CommandLine.Parsing;
using System.Globalization;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Jobs;

namespace Belfry.Cli.Commands;

/// <summary>
/// Custom option parsers whose errors read like gcloud's: <c>argument --min-backoff: invalid duration "5x"</c>,
/// naming the flag as the user spelt it (an alias, say).
/// </summary>
internal static class FlagParsers
{
    public static TimeSpan? Duration(ArgumentResult result)
    {
        var text = Token(result);
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"argument {Flag(result)}: invalid duration \"{text}\"; expected a number of seconds or units such as 10s, 5m, 1h30m, 1.5s");
        return null;
    }

    public static int? NonNegativeInt(ArgumentResult result)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"argument {Flag(result)}: invalid value \"{text}\"; expected a non-negative integer");
        return null;
    }

    public static HttpMethodWire? HttpMethod(ArgumentResult result)
    {
        var text = Token(result);
        HttpMethodWire? method = text.ToUpperInvariant() switch
        {
            "POST" => HttpMethodWire.Post,
            "GET" => HttpMethodWire.Get,
            "HEAD" => HttpMethodWire.Head,
            "PUT" => HttpMethodWire.Put,
            "DELETE" => HttpMethodWire.Delete,
            "PATCH" => HttpMethodWire.Patch,
            "OPTIONS" => HttpMethodWire.Options,
            _ => null,
        };
        if (method is null)
        {
            result.AddError($"argument {Flag(result)}: invalid choice \"{text}\"; expected one of delete, get, head, options, patch, post, put");
        }

        return method;
    }

    public static IReadOnlyDictionary<string, string>? Dictionary(ArgumentResult result)
    {
        if (HeadersParser.TryParseDictionary(Token(result), out var headers, out var error))
        {
            return headers;
        }

        result.AddError($"argument {Flag(result)}: {error}");
        return null;
    }

    public static IReadOnlyList<string>? List(ArgumentResult result) => HeadersParser.ParseList(Token(result));

    public static string? NonEmpty(ArgumentResult result)
    {
        var text = Token(result);
        if (text.Length == 0)
        {
            result.AddError($"argument {Flag(result)}: expected a non-empty value");
            return null;
        }

        return text;
    }

    /// <summary>One of <paramref name="choices"/>, in lower case (a <c>--format</c> of its own command, say).</summary>
    public static string? Choice(ArgumentResult result, params string[] choices)
    {
        var text = Token(result).ToLowerInvariant();
        if (Array.IndexOf(choices, text) >= 0)
        {
            return text;
        }

        result.AddError($"argument {Flag(result)}: invalid choice \"{Token(result)}\"; expected one of {string.Join(", ", choices)}");
        return null;
    }

    /// <summary>The flag as typed (<c>--min-backoff-duration</c> or <c>--min-backoff</c>).</summary>
    public static string Flag(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : result.Argument.Name;

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
