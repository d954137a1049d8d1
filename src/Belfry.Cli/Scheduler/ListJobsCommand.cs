using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs list</c>: a table (ID, LOCATION, SCHEDULE (TZ), TARGET_TYPE, STATE) by default.</summary>
internal static class ListJobsCommand
{
    public static Command Create(CliSession session)
    {
        var paging = new PagingOptions();
        var command = new Command("list", "List jobs in a location.");
        paging.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var parent = session.Location(parseResult);
            var jobs = await paging.CollectAsync(
                parseResult, (size, token, c) => client.ListJobsAsync(parent, size, token, c), "jobs", ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, jobs, OutputFormat.Table, ResourceViews.JobTable).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
