using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// <c>belfry scheduler jobs update http JOB [flags]</c>: only the flags given change (PATCH with an update mask).
/// <c>--update-headers</c> and <c>--remove-headers</c> first read the job, then send its whole header map.
/// </summary>
internal static class UpdateHttpCommand
{
    public static Command Create(CliSession session)
    {
        var job = SchedulerCommandFactory.Jobs.Argument();
        var options = new HttpJobOptions(forUpdate: true);
        var command = new Command("http", "Update a job with an HTTP target. Only the fields given by flags change.") { job };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Resolve(SchedulerCommandFactory.Jobs, parseResult, job);
            var flags = options.Read(parseResult);
            IReadOnlyDictionary<string, string>? currentHeaders = null;
            if (flags.NeedsCurrentHeaders)
            {
                var current = ResourceViews.Job(await client.GetJobAsync(name, ct).ConfigureAwait(false));
                currentHeaders = current.HttpTarget?.Headers ?? [];
            }

            var update = JobRequestBuilder.BuildUpdate(name, flags, currentHeaders);
            var updated = await client.UpdateJobAsync(name, update.Body, update.UpdateMaskText, options.FlagsByField, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, updated, OutputFormat.Yaml, ResourceViews.JobTable).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
