using System.CommandLine.Parsing;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Output;

/// <summary>Parses <c>--format</c>; gcloud's projections (<c>json(name)</c>) are not supported.</summary>
internal static class OutputFormatParser
{
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
}
