namespace Belfry.Core.Storage;

/// <summary>
/// One try's result: <see cref="State"/> Delivered or Failed (final), or Pending with <see cref="NextAttemptTime"/>.
/// Recorded only by the holder of try <see cref="AttemptNumber"/>.
/// </summary>
internal sealed record NotificationResult(
    string Id, int AttemptNumber, NotificationDelivery State, DateTimeOffset? NextAttemptTime, int? StatusCode, string? Error, DateTimeOffset Now);
