using Belfry.Contracts.Alerts;
using Belfry.Core.Alerts;

namespace Belfry.Server.Api.AlertPolicies;

/// <summary>An alert policy to its wire form, with every default spelled out and its status.</summary>
internal static class AlertPolicyMapper
{
    public static AlertPolicyResource ToResource(AlertPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new AlertPolicyResource
        {
            Name = policy.Name.FullName,
            DisplayName = policy.DisplayName.Length == 0 ? null : policy.DisplayName,
            Failures = policy.Failures,
            Window = DurationFormat.Format(policy.Window),
            RateLimit = DurationFormat.Format(policy.RateLimit),
            Channels = [.. policy.Channels],
            Jobs = policy.Jobs.Count == 0 ? null : [.. policy.Jobs],
            Enabled = policy.Enabled,
            State = policy.Status.Firing ? "FIRING" : "OK",
            FiringSince = policy.Status.FiringSince,
            LastNotifyTime = policy.Status.LastNotifyTime,
            CreateTime = policy.CreateTime,
            UpdateTime = policy.UpdateTime,
        };
    }
}
