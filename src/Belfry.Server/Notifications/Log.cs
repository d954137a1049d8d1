namespace Belfry.Server.Notifications;

/// <summary>Notification logs: channel names, event ids and kinds, status codes; never a webhook URL, secret or body.</summary>
internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Information, "Notification {Notification} ({EventType}) delivered to channel {Channel}: HTTP {StatusCode}")]
    public static partial void Delivered(ILogger logger, string notification, string eventType, string channel, int statusCode);

    [LoggerMessage(202, LogLevel.Warning, "Notification {Notification} ({EventType}) to channel {Channel}, try {Attempt}, failed: {Error} Retrying at {NextAttemptTime:o}")]
    public static partial void WillRetry(ILogger logger, string notification, string eventType, string channel, int attempt, string error, DateTimeOffset nextAttemptTime);

    [LoggerMessage(203, LogLevel.Error, "Gave up on notification {Notification} ({EventType}) to channel {Channel} after {Attempt} tries: {Error}")]
    public static partial void GaveUp(ILogger logger, string notification, string eventType, string channel, int attempt, string error);

    [LoggerMessage(204, LogLevel.Information, "Notification {Notification} was recorded by another sender after its lease expired; this result is dropped")]
    public static partial void Fenced(ILogger logger, string notification);

    [LoggerMessage(205, LogLevel.Error, "Notification relay cycle failed; retrying")]
    public static partial void CycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(206, LogLevel.Error, "Sending notification {Notification} to channel {Channel} failed unexpectedly ({ExceptionType}); its lease will expire and it will be retried")]
    public static partial void SendFailed(ILogger logger, string notification, string channel, string exceptionType);

    [LoggerMessage(207, LogLevel.Warning, "Notification {Notification} to channel {Channel} was taken over by another sender while it waited behind a slow one; not sent from here")]
    public static partial void LeaseLost(ILogger logger, string notification, string channel);

    [LoggerMessage(208, LogLevel.Warning, "Channel {Channel} asked to wait (HTTP {StatusCode}): its notifications are held back until {Until:o}")]
    public static partial void ChannelPaused(ILogger logger, string channel, int statusCode, DateTimeOffset until);

    [LoggerMessage(209, LogLevel.Error, "Keeping {Count} queued notifications to channel {Channel} failed ({ExceptionType}); their leases will expire and they will be sent then")]
    public static partial void QueueFailed(ILogger logger, int count, string channel, string exceptionType);
}
