namespace Belfry.Core.Storage;

/// <summary>
/// A channel whose notifications are failing now (<see cref="INotificationOutbox.ListFailingChannelsAsync"/>):
/// <see cref="Retrying"/> notifications whose last try failed and that will be tried again (or are being tried),
/// <see cref="GivenUp"/> given up since the channel last delivered one, and the newest failed try's time, status code
/// and error. The error is the relay's own text (<c>The receiver answered HTTP 500.</c>, a connection failure's kind, a
/// secret reference that could not be resolved): it never holds a webhook URL or a secret.
/// </summary>
internal sealed record FailingChannel(
    string Channel, int Retrying, int GivenUp, DateTimeOffset LastFailureTime, int? LastStatusCode, string? LastError);
