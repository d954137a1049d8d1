namespace Belfry.Server.Cluster;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Node {Node} stops planning and claiming: {Reason}")]
    public static partial void Refusing(ILogger logger, string node, string reason);

    [LoggerMessage(2, LogLevel.Information, "Node {Node} dispatches again: its clock is {Offset} from the database's, within {Bound}")]
    public static partial void Resumed(ILogger logger, string node, string offset, string bound);

    [LoggerMessage(3, LogLevel.Warning, "Node {Node} could not write its heartbeat; it keeps its last clock offset ({Offset})")]
    public static partial void HeartbeatFailed(ILogger logger, string node, string offset, Exception exception);
}
