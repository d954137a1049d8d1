using System.CommandLine;
using System.CommandLine.Parsing;
using Belfry.Core.Text;

namespace Belfry.Cli.Commands;

/// <summary>
/// The flag a misspelt one most likely meant (<c>--max-retry-attempt</c> → <c>--max-retry-attempts</c>), among the
/// flags of the command parsed and the global ones. System.CommandLine only suggests when its own parse-error action
/// prints, which Belfry replaces with gcloud's one-line errors.
/// </summary>
internal static class FlagSuggestion
{
    /// <summary>" Did you mean --flag?" for an unrecognised <paramref name="token"/>, or an empty string.</summary>
    public static string For(ParseResult parseResult, string token)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return "";
        }

        // "--max-retry-attempt=9" stays one token when the flag is unknown.
        var flag = token.Split('=', 2)[0];
        var nearest = NearestName.Find(flag, Flags(parseResult.CommandResult), NearestName.Tolerance(flag));
        return nearest is null ? "" : $" Did you mean {nearest}?";
    }

    private static IEnumerable<string> Flags(CommandResult commandResult)
    {
        var options = commandResult.Command.Options.AsEnumerable();
        for (var parent = commandResult.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden)
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }
}
