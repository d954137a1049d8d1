namespace Belfry.Server.Alerts;

/// <summary>Alert logs: policy and job names, counts and times.</summary>
internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Warning, "Alert policy {Policy}: {Event}")]
    public static partial void PolicyEvent(ILogger logger, string policy, string @event);

    [LoggerMessage(302, LogLevel.Warning, "Job {Job} missed {Count} scheduled run(s) from {FirstMissed:o}")]
    public static partial void MissedRun(ILogger logger, string job, int count, DateTimeOffset firstMissed);

    [LoggerMessage(303, LogLevel.Information, "Job {Job} is back on schedule")]
    public static partial void MissedRunResolved(ILogger logger, string job);

    [LoggerMessage(304, LogLevel.Error, "Checking job {Job} for missed runs failed; it is skipped for an hour")]
    public static partial void MissedRunCheckFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(305, LogLevel.Error, "Alert watcher pass failed; retrying")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
