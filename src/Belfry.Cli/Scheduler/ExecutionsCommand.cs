using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs executions JOB</c> (Belfry only): a job's executions and their attempts, newest first.</summary>
internal static class ExecutionsCommand
{
    public static Command Create(CliSession session)
    {
        var job = JobArgument.Create();
        var paging = new PagingOptions();
        var command = new Command("executions", "List a job's executions, newest first, with their delivery attempts.") { job };
        paging.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Job(parseResult, parseResult.GetRequiredValue(job));
            var executions = await paging.CollectAsync(
                parseResult, (size, token, c) => client.ListExecutionsAsync(name, size, token, c), "executions", ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, executions, OutputFormat.Table, ResourceViews.ExecutionTable).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
