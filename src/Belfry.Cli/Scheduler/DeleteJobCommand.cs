using System.CommandLine;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs delete JOB [--quiet]</c>: asks first on a terminal, as gcloud.</summary>
internal static class DeleteJobCommand
{
    public static Command Create(CliSession session)
    {
        var job = JobArgument.Create();
        var command = new Command("delete", "Delete a job. Asks for confirmation on a terminal unless --quiet is given.") { job };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Job(parseResult, parseResult.GetRequiredValue(job));
            await DeletePrompt.EnsureConfirmedAsync(session.Environment, parseResult.GetValue(session.Options.Quiet), $"job [{name.JobId}]").ConfigureAwait(false);
            await client.DeleteJobAsync(name, ct).ConfigureAwait(false);
            await session.Environment.Error.WriteLineAsync($"Deleted job [{name.JobId}].").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
