using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs create http JOB --schedule=… --uri=… [flags]</c>.</summary>
internal static class CreateHttpCommand
{
    public static Command Create(CliSession session)
    {
        var job = SchedulerCommandFactory.Jobs.Argument();
        var options = new HttpJobOptions(forUpdate: false);
        var command = new Command("http", "Create a job with an HTTP target. Prints the created job (YAML by default).") { job };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Resolve(SchedulerCommandFactory.Jobs, parseResult, job);
            var request = JobRequestBuilder.BuildCreate(name, options.Read(parseResult));
            var created = await client.CreateJobAsync(request, options.FlagsByField, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, ResourceViews.JobTable).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
