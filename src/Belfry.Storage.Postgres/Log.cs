using Microsoft.Extensions.Logging;

namespace Belfry.Storage.Postgres;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Listening for other nodes' changes as node {Node}")]
    public static partial void ChangesListening(ILogger logger, string node);

    [LoggerMessage(2, LogLevel.Warning, "The connection listening for other nodes' changes failed; reconnecting in {DelayMs} ms")]
    public static partial void ChangesListenFailed(ILogger logger, double delayMs, Exception exception);
}
