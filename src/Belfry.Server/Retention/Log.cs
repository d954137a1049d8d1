namespace Belfry.Server.Retention;

/// <summary>Retention logs: counts and the cut-off.</summary>
internal static partial class Log
{
    [LoggerMessage(401, LogLevel.Information, "Retention deleted {Executions} execution(s) and {PipelineRuns} pipeline run(s) finished before {Before:o}")]
    public static partial void Deleted(ILogger logger, long executions, long pipelineRuns, DateTimeOffset before);

    [LoggerMessage(402, LogLevel.Error, "Retention pass failed; retrying")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(403, LogLevel.Information, "Retention deleted {Executions} execution(s) of deleted jobs")]
    public static partial void DeletedJobHistory(ILogger logger, long executions);

    [LoggerMessage(404, LogLevel.Information, "Retention deleted {Notifications} notification(s) finished before {Before:o}")]
    public static partial void PurgedNotifications(ILogger logger, long notifications, DateTimeOffset before);

    [LoggerMessage(405, LogLevel.Information, "Retention deleted {Counts} per-day run count(s) of days before {Before:o}")]
    public static partial void DeletedRunCounts(ILogger logger, long counts, DateTimeOffset before);
}
