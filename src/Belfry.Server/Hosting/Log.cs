namespace Belfry.Server.Hosting;

/// <summary>Hosting logs: the start-up line.</summary>
internal static partial class Log
{
    // Issue 15: what an operator needs from the first screen, in one line: what runs, where it answers, what it stores in.
    [LoggerMessage(1001, LogLevel.Information, "Belfry {Version} listening on {Address}, node {Node}; store: {Store}")]
    public static partial void Started(ILogger logger, string version, string address, string node, string store);
}
