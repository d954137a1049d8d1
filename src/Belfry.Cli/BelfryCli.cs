using System.CommandLine;
using System.CommandLine.Invocation;
using Belfry.Cli.Commands;

namespace Belfry.Cli;

/// <summary>Parses and runs one <c>belfry</c> command line.</summary>
internal static class BelfryCli
{
    /// <summary>gcloud's exit code for an argument error (argparse's).</summary>
    public const int UsageExitCode = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var root = RootCommandFactory.Create(environment);

        // Response files (@file) are off: a gcloud command line never means them, and a message body may start with @.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Action is ParseErrorAction)
        {
            return ReportParseErrors(parseResult, environment.Error);
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,

            // `serve` leaves Ctrl+C to the ASP.NET Core host, which shuts down gracefully.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static int ReportParseErrors(ParseResult parseResult, TextWriter error)
    {
        var path = CommandPath.Of(parseResult);
        foreach (var parseError in parseResult.Errors)
        {
            var unmatched = parseResult.UnmatchedTokens.FirstOrDefault(t => parseError.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var suggestion = unmatched is null ? "" : FlagSuggestion.For(parseResult, unmatched);
            error.WriteLine($"ERROR: ({path}) {parseError.Message}{suggestion}");
        }

        error.WriteLine($"Run '{path.Replace('.', ' ')} --help' for usage.");
        return UsageExitCode;
    }
}
