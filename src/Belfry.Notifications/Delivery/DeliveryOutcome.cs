namespace Belfry.Notifications.Delivery;

/// <summary>What became of one send.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 0,

    /// <summary>Worth another try: 429, 5xx, 408, a connection error or a timeout.</summary>
    Retry = 1,

    /// <summary>The receiver refused it for good (another 4xx: a deleted webhook, a bad payload); retrying cannot help.</summary>
    Rejected = 2,
}
