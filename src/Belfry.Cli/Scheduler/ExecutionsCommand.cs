using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs executions JOB</c> (Belfry only): a job's executions and their attempts, newest first.</summary>
internal static class ExecutionsCommand
{
    public static Command Create(CliSession session)
    {
        var job = SchedulerCommandFactory.Jobs.Argument();
        return ResourceCommands.List(session, "executions", "List a job's executions, newest first, with their delivery attempts.", job,
            parseResult => session.Resolve(SchedulerCommandFactory.Jobs, parseResult, job),
            (client, name, pageSize, pageToken, ct) => client.ListExecutionsAsync(name, pageSize, pageToken, ct), "executions", ResourceViews.ExecutionTable);
    }
}
