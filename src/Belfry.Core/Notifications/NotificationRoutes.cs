namespace Belfry.Core.Notifications;

/// <summary>
/// A job's notification routes (the <c>notifyOn*</c> fields of its <c>belfry</c> object): full channel names for
/// an execution that failed after its last retry (and missed runs), the first success after such a failure (and a
/// missed run resolved), and, opt-in, every success. Compared by value.
/// </summary>
internal sealed record NotificationRoutes(IReadOnlyList<string> OnFailure, IReadOnlyList<string> OnRecovery, IReadOnlyList<string> OnSuccess)
{
    public static NotificationRoutes None { get; } = new([], [], []);

    public bool IsEmpty => OnFailure.Count == 0 && OnRecovery.Count == 0 && OnSuccess.Count == 0;

    public bool Equals(NotificationRoutes? other) =>
        other is not null && OnFailure.SequenceEqual(other.OnFailure) && OnRecovery.SequenceEqual(other.OnRecovery) &&
        OnSuccess.SequenceEqual(other.OnSuccess);

    public override int GetHashCode() => HashCode.Combine(OnFailure.Count, OnRecovery.Count, OnSuccess.Count);
}
