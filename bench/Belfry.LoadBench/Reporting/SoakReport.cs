using Belfry.LoadBench.Runs;

namespace Belfry.LoadBench.Reporting;

/// <summary>
/// The soak's figures (<c>--json</c>): what ran, what the store and the sink's log say, the checks, and the samples.
/// <see cref="LeaseTakeovers"/> are re-sends under a higher epoch (a lease that ended before its attempt was recorded,
/// docs/semantics.md "Leases"); <see cref="Duplicates"/> are re-sends no takeover explains.
/// <see cref="SentDuringRetryAfter"/> counts webhook requests that came within <c>retry_after</c> of a 429 (issue 14
/// M7: until the relay pauses the whole channel, the rest of a claimed batch keeps coming).
/// </summary>
internal sealed record SoakReport(
    MachineInfo Machine, string Command, string Date, double Minutes, int Jobs, IReadOnlyDictionary<string, int> Traffic, int TrafficErrors,
    long Executions, long Attempts, long Notifications, long TargetRequests, long WebhookRequests,
    long LostAttempts, long LostSuccesses, long FiresChecked, long MissingFires, long DoublePlanned,
    long LeaseTakeovers, long Duplicates, long NotificationsDelivered, long LostNotifications, long NotificationDuplicates,
    long NotificationsGivenUp, long NotificationsUnfinished, long Throttled, long SentDuringRetryAfter,
    double RssWarmUpMb, double RssEndMb, double RssGrowthPercent,
    double BytesPerRowWarmUp, double BytesPerRowEnd, double DatabaseUsedMb, double DatabaseOnDiskMb, double RetentionDays,
    double? DatabaseMbAtRetention, double DrainSeconds, long OutstandingAfterDrain,
    IReadOnlyList<SoakCheck> Checks, IReadOnlyList<SoakSample> Samples, IReadOnlyList<string> Notes)
{
    public bool Passed => Checks.All(c => c.Passed);
}
