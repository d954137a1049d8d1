using System.CommandLine.Parsing;
using Belfry.Cli.Commands;
using Belfry.Cli.Output.Projections;

namespace Belfry.Cli.Output;

/// <summary>Parses <c>--format</c>: gcloud's forms used in scripts (<see cref="FormatExpression"/>), or only the plain names where a command prints no resources.</summary>
internal static class OutputFormatParser
{
    /// <summary>json, yaml or table: for commands whose output is not a list of resources (<c>cron next</c>).</summary>
    public static OutputFormat? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        OutputFormat? format = text.ToLowerInvariant() switch
        {
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            "table" => OutputFormat.Table,
            _ => null,
        };
        if (format is null)
        {
            result.AddError($"argument {FlagParsers.Flag(result)}: invalid format \"{text}\"; expected one of json, yaml, table");
        }

        return format;
    }

    /// <summary>Every form of <see cref="FormatExpression"/>: resources' commands.</summary>
    public static FormatSpec? ParseSpec(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (format, error) = FormatExpression.Parse(result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty);
        if (error is not null)
        {
            result.AddError($"argument {FlagParsers.Flag(result)}: {error}");
        }

        return format;
    }
}
