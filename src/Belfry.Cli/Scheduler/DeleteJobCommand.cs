using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs delete JOB [--quiet]</c>: asks first on a terminal, as gcloud.</summary>
internal static class DeleteJobCommand
{
    public static Command Create(SchedulerSession session)
    {
        var job = JobArgument.Create();
        var command = new Command("delete", "Delete a job. Asks for confirmation on a terminal unless --quiet is given.") { job };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Job(parseResult, parseResult.GetRequiredValue(job));
            if (!parseResult.GetValue(session.Options.Quiet) && session.Environment.IsInputTerminal &&
                !await ConfirmAsync(session.Environment, name).ConfigureAwait(false))
            {
                throw new CliUsageException("Aborted by user.", exitCode: 1);
            }

            await client.DeleteJobAsync(name, ct).ConfigureAwait(false);
            await session.Environment.Error.WriteLineAsync($"Deleted job [{name.JobId}].").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>gcloud's PromptContinue: an empty answer or end of input means yes; anything unclear asks again.</summary>
    private static async Task<bool> ConfirmAsync(CliEnvironment environment, JobName name)
    {
        await environment.Error.WriteLineAsync($"You are about to delete job [{name.JobId}].").ConfigureAwait(false);
        while (true)
        {
            await environment.Error.WriteAsync("Do you want to continue (Y/n)?  ").ConfigureAwait(false);
            await environment.Error.FlushAsync().ConfigureAwait(false);
            var answer = (await environment.In.ReadLineAsync().ConfigureAwait(false))?.Trim().ToUpperInvariant();
            switch (answer)
            {
                case null or "" or "Y" or "YES":
                    return true;
                case "N" or "NO":
                    return false;
                default:
                    await environment.Error.WriteLineAsync("Please enter 'y' or 'n':").ConfigureAwait(false);
                    break;
            }
        }
    }
}
