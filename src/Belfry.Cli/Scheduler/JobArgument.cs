using System.CommandLine;

namespace Belfry.Cli.Scheduler;

/// <summary>The positional JOB of every jobs command.</summary>
internal static class JobArgument
{
    public static Argument<string> Create() => new("JOB")
    {
        Description = "ID of the job or fully qualified identifier for the job (projects/PROJECT/locations/LOCATION/jobs/ID).",
    };
}
