using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary><c>belfry scheduler jobs …</c>, the gcloud-compatible command group.</summary>
internal static class SchedulerCommandFactory
{
    /// <summary>Jobs, as the shared commands and every <c>jobs</c> command's JOB argument take them.</summary>
    public static ResourceKind<JobName> Jobs { get; } = new()
    {
        Noun = "job",
        ArgumentName = "JOB",
        ArgumentDescription = "ID of the job or fully qualified identifier for the job (projects/PROJECT/locations/LOCATION/jobs/ID).",
        Collection = "jobs",
        ParseFullName = name => JobName.TryParse(name, out var parsed) ? parsed : null,
        IsValidId = ResourceId.IsValidJobId,
        Create = (parent, id) => parent.Job(id),
        Id = name => name.JobId,
        Table = ResourceViews.JobTable,
        Get = (client, name, ct) => client.GetJobAsync(name, ct),
        List = (client, parent, pageSize, pageToken, ct) => client.ListJobsAsync(parent, pageSize, pageToken, ct),
        Delete = (client, name, ct) => client.DeleteJobAsync(name, ct),
    };

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
            ResourceCommands.List(session, Jobs, "List jobs in a location, or in every location with --location=-.",
                (parseResult, client, parent, ct) => OtherLocationsHint.WriteAsync(session, parseResult, client, parent, ct)),
            ResourceCommands.Describe(session, Jobs, "Show details about a job."),
            JobActionCommand.CreateRun(session),
            JobActionCommand.Create(session, "pause", "Pause execution of a job. Prints the job.", printJob: true),
            JobActionCommand.Create(session, "resume", "Resume execution of a paused job. Prints the job.", printJob: true),
            ResourceCommands.Delete(session, Jobs, "Delete a job. Asks for confirmation on a terminal unless --quiet is given."),
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
