namespace Belfry.Server.Telemetry;

/// <summary>Telemetry logs.</summary>
internal static partial class Log
{
    [LoggerMessage(901, LogLevel.Warning, "Counting outstanding executions for the metrics failed; the gauges keep their last values")]
    public static partial void CountFailed(ILogger logger, Exception exception);
}
