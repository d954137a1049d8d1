using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;

namespace Belfry.Cli.Scheduler;

/// <summary><c>run</c>, <c>pause</c> and <c>resume</c>: a POST to <c>jobs/ID:ACTION</c>.</summary>
internal static class JobActionCommand
{
    /// <param name="session">The shared session.</param>
    /// <param name="action">run, pause or resume.</param>
    /// <param name="description">The help text.</param>
    /// <param name="printJob">Whether the job is printed when --format is not given (gcloud's run prints nothing).</param>
    public static Command Create(CliSession session, string action, string description, bool printJob) =>
        ResourceCommands.OnResource(session, SchedulerCommandFactory.Jobs, action, description, async (parseResult, client, name, ct) =>
        {
            var answer = await client.JobActionAsync(name, action, ct).ConfigureAwait(false);
            if (printJob || parseResult.GetValue(session.Options.Format) is not null)
            {
                await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, ResourceViews.JobTable).ConfigureAwait(false);
            }

            return 0;
        });

    /// <summary>
    /// <c>run</c>: as gcloud's, nothing on stdout unless --format asks for the job; the execution it started is named on
    /// stderr, as gcloud's status lines are.
    /// </summary>
    public static Command CreateRun(CliSession session) =>
        ResourceCommands.OnResource(session, SchedulerCommandFactory.Jobs, "run",
            "Trigger a job to run immediately. Names the manual execution it started on stderr.", async (parseResult, client, name, ct) =>
        {
            var (job, started) = await client.RunJobAsync(name, ct).ConfigureAwait(false);
            if (started is not null)
            {
                await session.Environment.Error.WriteLineAsync(
                    $"Started manual execution [{started}].").ConfigureAwait(false);
            }

            if (parseResult.GetValue(session.Options.Format) is not null)
            {
                await session.PrintAsync(parseResult, job, OutputFormat.Yaml, ResourceViews.JobTable).ConfigureAwait(false);
            }

            return 0;
        });
}
