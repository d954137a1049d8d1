namespace Belfry.Core.Storage;

/// <summary>
/// What <see cref="IDispatchQueue.RenewLeasesAsync"/> did: the executions whose leases it extended, and those that are no
/// longer the holder's (taken over, finished, withdrawn or gone). Any other was busy (its row locked by a write in
/// progress, such as its own result being recorded) and is still held as it was; renew it again later.
/// </summary>
internal sealed record LeaseRenewal(IReadOnlySet<string> Renewed, IReadOnlySet<string> Lost)
{
    public static readonly LeaseRenewal None = new(new HashSet<string>(), new HashSet<string>());
}
