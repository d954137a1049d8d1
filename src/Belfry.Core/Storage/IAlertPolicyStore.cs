using Belfry.Core.Alerts;
using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// Alert policies and their evaluation (docs/notifications.md). Every method is one transaction; "now" is a parameter.
/// An evaluation enqueues its events in its own transaction (<see cref="INotificationOutbox"/>), so none is lost or
/// raised twice across a crash, nor by two nodes evaluating at once (an evaluation excludes every other).
/// </summary>
internal interface IAlertPolicyStore
{
    /// <summary>Throws <see cref="ResourceAlreadyExistsException"/> when the name is taken. The status starts OK.</summary>
    Task CreateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken);

    Task<AlertPolicy?> GetAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken);

    Task<AlertPolicyPage> ListAlertPoliciesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Replaces the definition; the status is the evaluator's and is kept. False when there is no such policy.</summary>
    Task<bool> UpdateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken);

    Task<bool> DeleteAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken);

    /// <summary>
    /// For every alert policy: lists the failed executions of its location that finished in (now − window, now]
    /// (the most recent 1000), asks <paramref name="decide"/>, stores the new status and enqueues the event for each
    /// of the policy's channels, in one transaction. Returns how many events were enqueued.
    /// </summary>
    Task<int> EvaluateAlertPoliciesAsync(DateTimeOffset now, Func<AlertPolicyCheck, AlertPolicyDecision> decide, CancellationToken cancellationToken);
}
