using System.CommandLine;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs …</c>, the gcloud-compatible command group.</summary>
internal static class SchedulerCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);

        var create = new Command("create", "Create a job.") { CreateHttpCommand.Create(session) };
        var update = new Command("update", "Update a job.") { UpdateHttpCommand.Create(session) };
        var jobs = new Command("jobs", "Manage jobs: the same commands and flags as gcloud scheduler jobs.")
        {
            options.Location,
            create,
            update,
            ListJobsCommand.Create(session),
            DescribeJobCommand.Create(session),
            JobActionCommand.Create(session, "run", "Trigger a job to run immediately.", printJob: false),
            JobActionCommand.Create(session, "pause", "Pause execution of a job. Prints the job.", printJob: true),
            JobActionCommand.Create(session, "resume", "Resume execution of a paused job. Prints the job.", printJob: true),
            DeleteJobCommand.Create(session),
            ExecutionsCommand.Create(session),
        };

        return new Command("scheduler", "Manage scheduled jobs on a Belfry server (the gcloud scheduler commands).")
        {
            options.Project,
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            options.Quiet,
            jobs,
        };
    }
}
