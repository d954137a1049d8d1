namespace Belfry.Core.Alerts;

/// <summary>What the evaluator needs about one policy: the policy with its status, and the failures of its location in its window.</summary>
internal sealed record AlertPolicyCheck(AlertPolicy Policy, IReadOnlyList<RecentFailure> Failures);
