namespace Belfry.Core.Storage;

/// <summary>What became of one try of an outbox row; the numbers are stored.</summary>
internal enum NotificationDelivery
{
    /// <summary>Waiting for a try at its next attempt time.</summary>
    Pending = 0,

    /// <summary>A try is in flight under a lease.</summary>
    Sending = 1,

    Delivered = 2,

    /// <summary>Given up: refused for good, the channel is gone, or the retry bound is reached.</summary>
    Failed = 3,
}
