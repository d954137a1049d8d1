using Belfry.Contracts.Jobs;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Output;

/// <summary>The columns of <c>gcloud scheduler jobs list</c>.</summary>
internal static class JobTable
{
    private static readonly string[] Headers = ["ID", "LOCATION", "SCHEDULE (TZ)", "TARGET_TYPE", "STATE"];

    public static string Format(IEnumerable<JobResource> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return TableWriter.Format(Headers, jobs.Select(Row));
    }

    private static string[] Row(JobResource job)
    {
        var name = JobName.TryParse(job.Name, out var parsed) ? parsed : null;
        var schedule = job.Schedule is null ? string.Empty : $"{job.Schedule} ({job.TimeZone ?? "Etc/UTC"})";
        return
        [
            name?.JobId ?? job.Name ?? string.Empty,
            name?.Location ?? string.Empty,
            schedule,
            TargetType(job),
            StateName(job.State),
        ];
    }

    private static string TargetType(JobResource job) => job switch
    {
        { HttpTarget: not null } => "HTTP",
        { PubsubTarget: not null } => "Pub/Sub",
        { AppEngineHttpTarget: not null } => "App Engine HTTP",
        _ => string.Empty,
    };

    public static string StateName(JobStateWire? state) => state switch
    {
        JobStateWire.Enabled => "ENABLED",
        JobStateWire.Paused => "PAUSED",
        JobStateWire.Disabled => "DISABLED",
        JobStateWire.UpdateFailed => "UPDATE_FAILED",
        _ => "STATE_UNSPECIFIED",
    };
}
