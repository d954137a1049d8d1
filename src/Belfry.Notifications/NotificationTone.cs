namespace Belfry.Notifications;

/// <summary>Bad news or good news: red or green in chat channels, <c>severity</c> in the webhook body.</summary>
internal enum NotificationTone
{
    /// <summary>Something failed or was missed: red (Discord 0xFF0000).</summary>
    Failure = 0,

    /// <summary>Something succeeded, recovered or resolved: green (Discord 0x00CC44).</summary>
    Success = 1,
}
