using System.CommandLine;
using System.CommandLine.Parsing;

namespace Belfry.Cli.Commands;

/// <summary>gcloud names the command in every error: <c>ERROR: (belfry.scheduler.jobs.create.http) …</c>.</summary>
internal static class CommandPath
{
    public static string Of(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Add(command.Command is RootCommand ? "belfry" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join('.', names);
    }
}
