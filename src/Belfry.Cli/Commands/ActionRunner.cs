using System.CommandLine;
using Belfry.Cli.Http;

namespace Belfry.Cli.Commands;

/// <summary>Runs a command's body and turns the failures users meet into gcloud-style one-line errors.</summary>
internal static class ActionRunner
{
    public static async Task<int> RunAsync(ParseResult parseResult, CliEnvironment environment, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(body);
        var path = CommandPath.Of(parseResult);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await environment.Error.WriteLineAsync($"ERROR: ({path}) {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (BelfryApiException e)
        {
            await environment.Error.WriteLineAsync($"ERROR: ({path}) {e.Status}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (BelfryConnectionException e)
        {
            await environment.Error.WriteLineAsync(
                $"ERROR: ({path}) {e.Message} Is a server running? Start one with `belfry serve`, or point at another " +
                "with --endpoint or BELFRY_ENDPOINT.").ConfigureAwait(false);
            return 1;
        }
    }
}
