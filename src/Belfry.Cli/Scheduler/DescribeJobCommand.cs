using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs describe JOB</c>: the job as YAML.</summary>
internal static class DescribeJobCommand
{
    public static Command Create(CliSession session)
    {
        var job = JobArgument.Create();
        var command = new Command("describe", "Show details about a job.") { job };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Job(parseResult, parseResult.GetRequiredValue(job));
            var found = await client.GetJobAsync(name, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, found, OutputFormat.Yaml, ResourceViews.JobTable).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
