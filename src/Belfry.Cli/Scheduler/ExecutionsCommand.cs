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

        // The table shows times in the job's zone: the first page's fetch reads it from the job (one more GET).
        string? timeZone = null;
        return ResourceCommands.List(session, "executions",
            "List a job's executions, newest first, with their delivery attempts: times in the job's time zone, and for a failed attempt " +
            "its status message (HTTP 500: the start of the answer's body).", job,
            parseResult => session.Resolve(SchedulerCommandFactory.Jobs, parseResult, job),
            async (client, name, pageSize, pageToken, ct) =>
            {
                // The list first: a refusal is its own (a step's job name is answered with the steps command to use).
                var page = await client.ListExecutionsAsync(name, pageSize, pageToken, ct).ConfigureAwait(false);
                if (pageToken is null)
                {
                    timeZone = (string?)(await client.GetJobAsync(name, ct).ConfigureAwait(false))["timeZone"];
                }

                return page;
            }, "executions", executions => ResourceViews.ExecutionTable(executions, timeZone));
    }
}
