namespace Belfry.Server.Retention;

/// <summary>Retention logs: counts and the cut-off.</summary>
internal static partial class Log
{
    [LoggerMessage(401, LogLevel.Information, "Retention deleted {Executions} execution(s) and {PipelineRuns} pipeline run(s) finished before {Before:o}")]
    public static partial void Deleted(ILogger logger, int executions, int pipelineRuns, DateTimeOffset before);

    [LoggerMessage(402, LogLevel.Error, "Retention pass failed; retrying")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
